def stage(name):
    """Print a stage of the build."""
    print(f"stage: {name}")  # $, {, } and # stay as written
