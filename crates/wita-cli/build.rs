//! Empty: wita-cli has a build script only so that its build-dependencies,
//! a workspace hack (see Cargo.toml), take part in feature resolution.

fn main() {}
