//! Test fixtures: records opened through [`crate::records::open`] on a
//! fixed day, and bundled tests played to their ending as recorded
//! conversations.

use crate::conversation::Conversation;
use crate::records::{open, OpenOptions, Opened};
use rehearse_core::attempt::Mode;
use rehearse_core::records::Store;
use rehearse_core::testcase::{find_test, parse_input};
use std::path::{Path, PathBuf};
use uuid::Uuid;

/// The bundled scenario folder of `id`.
pub fn bundled(id: &str) -> PathBuf {
    rehearse_core::library::bundled_dir().unwrap().join(id)
}

/// The records in `dir`, on a clock stopped at `day`.
pub fn records_on(dir: &Path, day: &str) -> Opened {
    open(&OpenOptions {
        at: Some(day.into()),
        ..OpenOptions::in_data_dir(dir)
    })
    .unwrap()
}

/// A recorded conversation of the scenario in `dir` for `trainee`.
pub fn recorded(store: &Store, trainee: Uuid, dir: &Path, mode: Mode) -> Conversation {
    let s = rehearse_core::scenario::load_playable(dir).unwrap();
    Conversation::start_recorded(store, trainee, dir.to_path_buf(), &s, "en", mode, 1).unwrap()
}

/// Feeds input-script lines to a conversation.
pub fn play_lines(c: &mut Conversation, store: Option<&Store>, lines: &[String]) {
    for line in lines {
        c.apply(store, &parse_input(line).unwrap()).unwrap();
    }
}

/// Plays the bundled test `test` of scenario `id` as a recorded
/// assessment for `trainee`, to its ending.
pub fn play_test(store: &Store, trainee: Uuid, id: &str, test: &str) -> Conversation {
    let dir = bundled(id);
    let mut c = recorded(store, trainee, &dir, Mode::Assessment);
    play_lines(&mut c, Some(store), &find_test(&dir, test).unwrap().inputs);
    assert!(c.attempt().is_ended(), "{id}: {test} did not end");
    c
}
