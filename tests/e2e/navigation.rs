//! Links in scenario Markdown never take the window away from the app
//! (issue #10): clicking one leaves the app where it was, and the link is
//! handed to the system instead.

use crate::harness::Env;

#[test]
fn a_link_in_a_persona_line_does_not_navigate_the_window() {
    let env = Env::new("links");
    let dir = env.data.path().join("rehearse/scenarios/link-check");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("scenario.rhai"),
        r#"scenario(#{ id: "link-check", version: "1.0.0", title: "Link check", summary: "A link in a line.",
  setting: "Test", minutes: 1, difficulty: "introductory", targets: ["atmosphere"], red_flags: [] });
persona("p", #{ name: "Pat", role: "Nurse" });
beat("start", #{
  line: "The leaflet is [on the trust's site](https://example.org/leaflet) if you want it.",
  choices: [#{ id: "go", text: "Go on", next: "end", evidence: #{ atmosphere: [1, "warm"] } }],
});
ending("end", #{ line: "Thanks.", debrief: "Fine." });
"#,
    )
    .unwrap();
    let app = env.launch();
    crate::create_profile(&app, "Casey");
    app.click_on("[data-scenario=\"link-check\"] .practise");
    app.wait_for("#line a");
    let before = app.execute("return window.location.href;");
    assert!(
        before.as_str().is_some_and(|u| u.contains("localhost")),
        "{before}"
    );
    app.click_on("#line a");
    std::thread::sleep(std::time::Duration::from_millis(800));
    let after = app.execute("return window.location.href;");
    assert_eq!(after, before, "the window navigated away");
    // The player is still there and still works.
    assert!(app
        .text_of("#line")
        .is_some_and(|t| t.contains("The leaflet")));
    app.click_on("#choices .choice");
    app.wait_for("#see-debrief");
    app.screenshot("link-not-followed");
}
