//! The newsroom's folder: finding articles on disk, reading them safely, and the settings
//! that apply to all of them.

pub mod scan;
pub mod settings;
pub mod style;
