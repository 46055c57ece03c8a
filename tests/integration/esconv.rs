//! `scripts/eval-esconv` on a fixture in ESConv's TSV format, written in our
//! own words (tests/data/esconv-fixture/): the script runs the real
//! `rehearse analyze` and its printed figures must equal the ones computed
//! by hand from the fixture's twelve dev turns and three test turns.

use crate::support::root;
use std::path::Path;
use std::process::Command;

struct Eval {
    code: i32,
    stdout: String,
    stderr: String,
}

fn eval(args: &[&str]) -> Eval {
    let out = Command::new("python3")
        .arg(root().join("scripts/eval-esconv"))
        .args(args)
        .env("REHEARSE_BIN", env!("CARGO_BIN_EXE_rehearse"))
        .output()
        .expect("python3 runs scripts/eval-esconv");
    Eval {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

fn fixture() -> String {
    root()
        .join("tests/data/esconv-fixture")
        .to_string_lossy()
        .into_owned()
}

/// The row of the table that starts with `name`, split on whitespace.
fn row<'a>(stdout: &'a str, name: &str) -> Vec<&'a str> {
    stdout
        .lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>())
        .find(|w| w.first() == Some(&name))
        .unwrap_or_else(|| panic!("no row {name} in\n{stdout}"))
}

/// The confusion row of a strategy (its name may hold spaces): the numbers.
fn confusion<'a>(stdout: &'a str, strategy: &str) -> Vec<&'a str> {
    let line = stdout
        .lines()
        .find(|l| l.starts_with(strategy) && l[strategy.len()..].starts_with(' '))
        .unwrap_or_else(|| panic!("no confusion row {strategy} in\n{stdout}"));
    line[strategy.len()..].split_whitespace().collect()
}

#[test]
fn dev_fixture_figures_equal_the_hand_computed_ones() {
    let run = eval(&[&fixture(), "dev"]);
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
    assert!(
        run.stdout.contains("ESConv dev split: 12 supporter turns"),
        "{}",
        run.stdout
    );
    // support, predicted, true positives, precision, recall, F1.
    // advice: suggestions 1 and 2 found, 3 (a remark on the weather) missed,
    // and the "Other" turn "I would try calling them" counted against it.
    assert_eq!(
        row(&run.stdout, "advice")[1..],
        ["3", "3", "2", "0.67", "0.67", "0.67"]
    );
    assert_eq!(
        row(&run.stdout, "reflection_or_feeling")[1..],
        ["2", "2", "2", "1.00", "1.00", "1.00"]
    );
    assert_eq!(
        row(&run.stdout, "self_focus")[1..],
        ["2", "2", "2", "1.00", "1.00", "1.00"]
    );
    // affirmation: both affirmations found; the "Information" turn about
    // lots of people feeling this way is normalising, a false positive.
    assert_eq!(
        row(&run.stdout, "affirmation")[1..],
        ["2", "3", "2", "0.67", "1.00", "0.80"]
    );
    // turns, advice, refl/feel, self_focus, affirmation, none.
    assert_eq!(
        confusion(&run.stdout, "Providing Suggestions"),
        ["3", "2", "0", "0", "0", "1"]
    );
    assert_eq!(
        confusion(&run.stdout, "Information"),
        ["1", "0", "0", "0", "1", "0"]
    );
    assert_eq!(
        confusion(&run.stdout, "Questions"),
        ["1", "0", "0", "0", "0", "1"]
    );
}

#[test]
fn test_split_and_a_single_file_are_read_too() {
    let run = eval(&[&fixture(), "test"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("ESConv test split: 3 supporter turns"));
    assert_eq!(
        row(&run.stdout, "advice")[1..],
        ["1", "1", "1", "1.00", "1.00", "1.00"]
    );
    // No affirmation in the split and none predicted: undefined, not zero.
    assert_eq!(
        row(&run.stdout, "affirmation")[1..],
        ["0", "0", "0", "-", "-", "-"]
    );
    let file = Path::new(&fixture()).join("codes/dataset/testWithStrategy_short.tsv");
    let single = eval(&[&file.to_string_lossy()]);
    assert_eq!(single.code, 0, "{}", single.stderr);
    assert_eq!(
        row(&single.stdout, "self_focus")[1..],
        ["1", "1", "1", "1.00", "1.00", "1.00"]
    );
}

#[test]
fn a_git_directory_without_a_work_tree_is_read_with_git_show() {
    let dir = std::env::temp_dir().join(format!("rehearse-esconv-git-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let work = dir.join("work");
    std::fs::create_dir_all(work.join("codes/dataset")).unwrap();
    for name in ["devWithStrategy_short.tsv", "testWithStrategy_short.tsv"] {
        std::fs::copy(
            Path::new(&fixture()).join("codes/dataset").join(name),
            work.join("codes/dataset").join(name),
        )
        .unwrap();
    }
    let git = |args: &[&str]| {
        let out = Command::new("git")
            .args(["-c", "user.name=t", "-c", "user.email=t@example.org"])
            .args(args)
            .current_dir(&work)
            .output()
            .expect("git runs");
        assert!(out.status.success(), "git {args:?}: {out:?}");
    };
    git(&["init", "-q"]);
    git(&["add", "codes"]);
    git(&["commit", "-q", "-m", "fixture"]);
    let run = eval(&[&work.join(".git").to_string_lossy(), "dev"]);
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        row(&run.stdout, "advice")[1..],
        ["3", "3", "2", "0.67", "0.67", "0.67"]
    );
}

#[test]
fn held_out_turns_are_not_printed_and_bad_paths_are_refused() {
    let run = eval(&[&fixture(), "test", "--errors", "5"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("held out"), "{}", run.stderr);
    assert!(!run.stdout.contains("job boards"), "{}", run.stdout);
    let run = eval(&["/nonexistent/esconv", "dev"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("does not exist"), "{}", run.stderr);
    let run = eval(&[&fixture(), "train"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("unknown split"), "{}", run.stderr);
    // Dev disagreements can be listed, each with the rule that fired.
    let run = eval(&[&fixture(), "dev", "--errors", "5", "--strategy", "advice"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout
            .contains("- false (Other) I would try calling them tomorrow morning."),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("en.advice.suggestion["),
        "{}",
        run.stdout
    );
}

/// A split in ESConv's format, written here: every suggestion holds "maybe",
/// and nothing else does.
fn learnable_split() -> String {
    let topics = "the bus,your sister,the garden,a walk,the gym,your notes,the library,\
                  a nap,your boss,the doctor,a bath,the park,your diary,the kettle,a friend,\
                  the radio,your bike,the beach,a book,the cinema";
    let mut tsv = String::new();
    for (i, topic) in topics.split(',').enumerate() {
        tsv.push_str(&format!(
            "0.0 0 0 I feel stuck. EOS 1.0 1 1 [Providing Suggestions] maybe {topic} could help {i}\n"
        ));
        tsv.push_str(&format!(
            "0.0 0 0 I feel stuck. EOS 1.0 1 1 [Questions] how did {topic} go for you {i}\n"
        ));
    }
    tsv
}

#[test]
fn the_reference_learns_a_cue_the_labels_follow_and_refuses_the_test_split() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("devWithStrategy_short.tsv");
    std::fs::write(&file, learnable_split()).unwrap();
    let run = eval(&[file.to_str().unwrap(), "dev", "--reference"]);
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
    assert!(
        run.stdout
            .contains("40 supporter turns; in-domain reference"),
        "{}",
        run.stdout
    );
    // With every fold's training turns, one word separates the suggestions.
    assert_eq!(
        row(&run.stdout, "advice")[5..],
        ["1.00", "1.00"],
        "{}",
        run.stdout
    );
    // A group with no turns in the split has nothing to find.
    assert_eq!(
        row(&run.stdout, "self_focus")[1..],
        ["0.00"; 6],
        "{}",
        run.stdout
    );
    // The analyser's own fixture: the reference runs on it too, and the
    // test split stays held out.
    let run = eval(&[&fixture(), "dev", "--reference"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let run = eval(&[&fixture(), "test", "--reference"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("held out"), "{}", run.stderr);
}
