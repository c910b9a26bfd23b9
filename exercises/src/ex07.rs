//! Exercise 07's fixed parts: the two mirrors and the request to one. The exercise is
//! `fetch_file`, which races them.

use std::time::Duration;

use workbook::say;

use crate::fetch_title;
use crate::site::{Server, Site};

/// The files, 1 to 3.
pub const FILES: [u32; 3] = [1, 2, 3];

/// Mirror A sends files 1 and 3 after 0.5 s, file 2 after 1.2 s. (In real life you do not know in
/// advance which mirror is faster.)
pub static MIRROR_A: Site = Site {
    name: "mirror A",
    env: "EXERCISE_MIRROR_A",
    pages: &[
        ("/page/1", Duration::from_millis(500)),
        ("/page/2", Duration::from_millis(1200)),
        ("/page/3", Duration::from_millis(500)),
    ],
};

/// Mirror B is the other way round: file 2 after 0.5 s, files 1 and 3 after 1.2 s.
pub static MIRROR_B: Site = Site {
    name: "mirror B",
    env: "EXERCISE_MIRROR_B",
    pages: &[
        ("/page/1", Duration::from_millis(1200)),
        ("/page/2", Duration::from_millis(500)),
        ("/page/3", Duration::from_millis(1200)),
    ],
};

/// Asks one mirror for a file. Returns the mirror's name once its copy is in.
pub async fn ask(name: &'static str, mirror: &Server, file: u32) -> &'static str {
    match fetch_title(&mirror.url(&format!("/page/{file}"))).await {
        Ok(_copy) => say(format!("file {file}: mirror {name} answered")),
        Err(error) => say(format!("file {file}: mirror {name} failed: {error}")),
    }
    name
}
