//! What the library's tests share.

#[path = "../../../../tests/common/copy_tree.rs"]
mod copy_tree;
pub use copy_tree::copy_tree;
