//! Test fixtures for the export modules: attempts played through the real
//! record APIs.

use crate::attempt::Mode;
use crate::records::{Session, Store};
use crate::testcase::{find_test, input_for, ScriptLine};
use std::sync::Arc;
use uuid::Uuid;

/// Plays the named bundled test of scenario `id` as an assessment for
/// `trainee`, at the store clock's current time, to its ending.
pub(crate) fn play(store: &Store, trainee: Uuid, id: &str, test: &str) {
    let dir = crate::library::bundled_dir().unwrap().join(id);
    let scenario = Arc::new(crate::scenario::load_playable(&dir).unwrap());
    let inputs = find_test(&dir, test).unwrap().inputs;
    let mut s = Session::start(
        store,
        trainee,
        scenario,
        Mode::Assessment,
        1,
        crate::response::english(),
    )
    .unwrap();
    for line in inputs {
        let ScriptLine::Respond(input) = input_for(s.attempt(), &line).unwrap() else {
            panic!("undo in {id}");
        };
        s.respond(store, input).unwrap();
    }
    assert!(s.attempt().is_ended(), "{id}: {test} did not end");
}
