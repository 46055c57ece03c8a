# The attempt report and the grade's reasons, in English.

report-title = { $title } — attempt report
report-result = **Result: { $verdict }** — { $mode }
report-verdict-in-progress = IN PROGRESS
report-verdict-passed = PASSED
report-verdict-not-passed = NOT PASSED
report-mode-practice = practice (does not count for certification)
report-mode-assessment = assessment
report-critical = Critical:
report-why-not-passed = Why it did not pass:
report-competencies = Competencies
report-framework = Framework: { $citation }
report-column-competency = Competency
report-column-targeted = Targeted
report-column-level = Level
report-column-score = Score
report-column-chances = Chances
report-column-evidence = Evidence
report-targeted-yes = yes
report-limited-evidence = { $level } (limited evidence: one chance)
report-evidence = turn { $turn } { $delta } { $reason }
report-red-flags = Red flags
report-no-red-flag = No red-flag warning sign came up on this path.
report-flag-recognised = recognised (turns { $turns })
report-flag-missed = MISSED
report-flag-missed-revoked = MISSED (revoked: turn { $turn } undid the safety step)
report-flag-open = still open
report-flag-line = { $title } at turn { $turn } (beat "{ $beat }"): { $outcome }
report-measures = Conversation measures
report-open-questions = Open questions: { $open } of { $questions } questions ({ $share })
report-reflections = Reflections to questions: { $ratio } ({ $band })
report-no-questions = no questions
report-word-share = Your share of the words: { $share }
report-silences = Silences kept: { $count }
report-stronger = Stronger responses
report-stronger-line = Turn { $turn }: you said "{ $you }". Stronger: "{ $stronger }" — { $why }
report-transcript = Transcript
report-persona = Persona
report-you = You
report-labels = Labels
report-labels-none = none
report-stayed-silent = (stayed silent)
report-debrief = Debrief
report-no-debrief = (This ending has no debrief.)
report-footer = Scenario { $id } v{ $version } (sha256 { $hash }), seed { $seed }.

## Why an attempt did not pass.

reason-flag-revoked = Missed red flag: { $category } (warning sign at turn { $turn }, beat "{ $beat }"); turn { $revoked } waved the risk away or undid the safety step, so it counts as missed
reason-flag-not-asked = Missed red flag: { $category } (warning sign at turn { $turn }, beat "{ $beat }"); it was not asked about and acted on within { $window } turn(s)
reason-flag-not-acted = Missed red flag: { $category } (warning sign at turn { $turn }, beat "{ $beat }"); it was asked about but not acted on ({ $act }) within { $window } turn(s)
reason-act-high = a same-day referral or a step that keeps them safe now
reason-act-moderate = a referral with a time frame or a safety step
reason-not-shown = { $competency } was not shown on this path
reason-below-competent = { $competency } is { $level }; competent is needed
reason-moderated-pass = after moderation the attempt passes (the engine's grade was not a pass)
reason-moderated-fail = after moderation the attempt does not pass (the engine's grade was a pass)
