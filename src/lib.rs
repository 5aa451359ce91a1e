//! copydesk: a language server that works as a copy editor for news articles.
//!
//! Layers (see ARCHITECTURE.md): [`lsp`] speaks the protocol and converts positions through
//! [`text`]; [`analysis`] reads one article into plain data; [`workspace`] keeps every article
//! of a folder and the house style; [`check`] prints findings for the terminal and CI.

pub mod analysis;
pub mod check;
pub mod lsp;
pub mod text;
pub mod workspace;
