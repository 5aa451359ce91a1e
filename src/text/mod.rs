//! Text as the editor has it: ropes, edits and position encodings.
//!
//! [`buffer::Document`] holds an open article; [`position`] is the only module that converts
//! between byte offsets and LSP positions.

pub mod buffer;
pub mod position;

pub use buffer::Document;
pub use position::PositionEncoding;
