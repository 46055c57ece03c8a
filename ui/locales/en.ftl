# Rehearse desktop UI, English (the fallback for every other language).
# Ids are grouped by the view that shows them: app-, nav-, title-, start-,
# signin-, library-, player-, debrief-, dashboard-, moderation-, records-,
# push-, verify-, cohort-, observation-, workbench-. Shared vocabularies
# (modes, levels, behaviours, outcomes) come last.

## The app shell (index.html and main.js)

language-name-en = English
language-name-es = Español
app-skip-link = Skip to content
app-tagline = Practice for supporting colleagues after an adverse event
app-crumbs =
    .aria-label = Where you are
app-language-label = Language
app-language-changed = The app is now in { $language }.
app-error-prefix = Something went wrong:
app-error-dismiss = Dismiss

nav-change-role = Change role
nav-library = Library
nav-dashboard = My progress
nav-who-trainee = Trainee: { $name }
nav-workbench = Workbench
nav-moderation = Moderation queue
nav-cohort = Cohort reports
nav-observation = Observed role-play
nav-who-trainer = Trainer: { $name }
nav-records = Records
nav-push = Push
nav-verify = Verify a file
nav-who-records = Training records: { $name } ({ $role })

## Window titles, one per view

title-start = Start
title-signin = Sign in
title-library = Scenario library
title-player = Conversation
title-debrief = Debrief
title-workbench = Trainer workbench
title-dashboard = My progress
title-moderation = Moderation
title-records = Training records
title-push = Push to a learning record store
title-verify = Verify a file
title-cohort = Cohort reports
title-observation = Observed role-play

## Start screen

start-heading = Welcome to Rehearse
start-lead = Practise conversations with colleagues after an adverse event: listening, staying with feelings, and noticing when someone may not be safe.
start-trainee-heading = I am practising (trainee)
start-trainee-text = Choose your profile so your practice and results are kept together.
start-continue-as = Continue as { $name }
start-no-profiles = No profiles yet. Create one below.
start-your-name = Your name
start-create-profile = Create profile and continue
start-profile-created = Profile { $name } created.
start-trainer-heading = I write scenarios and moderate (trainer)
start-workbench-text = Open a scenario folder to check it, see its graph, play from any beat and run its tests.
start-open-workbench = Open the workbench
start-moderation-text = Moderate assessments: review graded attempts and override a grade with a written reason.
start-open-moderation = Open moderation
start-trainer-note = Both ask for your trainer name and passphrase.
start-accreditation-heading = I check training records (accreditation)
start-accreditation-text = See and filter the records, export them, push statements to a learning record store, and verify credentials.
start-open-records = Open training records
start-accreditation-note = Asks for the name and passphrase of an accreditation officer or a trainer.

## Staff sign-in

signin-workbench-heading = Sign in to the workbench
signin-workbench-lead = The workbench shows each scenario's findings, graph, tests and explorer, and plays from any beat: it is the answer key, so only trainers may open it.
signin-workbench-submit = Sign in to the workbench
signin-moderation-heading = Sign in to moderation
signin-moderation-lead = Review graded assessments and override a grade with a written reason. Only trainers may moderate.
signin-moderation-submit = Sign in to moderation
signin-records-heading = Sign in to the training records
signin-records-lead = See and filter the records, export them, push statements to a learning record store, and verify credentials. Trainers and accreditation officers may open them.
signin-records-submit = Sign in to the training records
signin-trainer-name = Trainer name
signin-staff-name = Name (trainer or accreditation officer)
signin-passphrase = Passphrase
signin-passphrase-help = At least 8 characters. Further trainers and accreditation officers are added with rehearse trainer add.
signin-create-first-heading = Create the first trainer
signin-create-first-submit = Create the first trainer and sign in
signin-signed-in = Signed in as { $name }, { $role }.
signin-back = Back to the start
signin-forget-note = Nothing is remembered after you leave: choosing “Change role” signs you out.

## Scenario library

library-heading = Scenario library
library-lead = Practice mode gives a hint after each turn and lets you undo. An assessment counts: no hints, no undo, and a missed warning sign fails it.
library-resume-heading = Pick up where you left off
library-resume = Resume { $title }
library-resume-detail = { $mode ->
        [practice] practice
       *[assessment] assessment
    }, { $turns ->
        [one] { $turns } turn so far
       *[other] { $turns } turns so far
    }
library-folder-added = Folder added to the library.
library-add-folder = Add a scenario folder…
library-status-not-tried = Not tried
library-status-practised = Practised
library-status-passed = Passed
library-cannot-play = Cannot be played:
library-card-language = Only in { $language ->
        [en] English
        [es] Spanish
       *[other] { $language }
    }
library-setting = Setting
library-people = { $count ->
        [one] Person
       *[other] People
    }
library-difficulty = Difficulty
library-time = Time
library-minutes = { $minutes ->
        [one] about { $minutes } minute
       *[other] about { $minutes } minutes
    }
library-targets = Competencies it focuses on:
library-practise = Practise
library-practise-label = Practise: { $title }
library-assess = Take assessment
library-assess-label = Take assessment: { $title }

## The player

player-reloaded = The scenario file changed and was reloaded.
player-ended-announce = The conversation has ended. Your debrief is ready.
player-says-announce = { $speaker } says: { $line }
player-feedback-announce = Feedback: { $hint }
player-type-first = Type a response first, or stay silent.
player-transcript-label = Conversation so far
player-says = { $speaker } says
player-last-words = { $speaker }, last words
player-ended-heading = The conversation has ended
player-see-debrief = See your debrief
player-back-workbench = Back to the workbench
player-your-response = Your response
player-choices-label = Choices
player-own-words = Say it in your own words
player-or-own-words = Or say it in your own words
player-own-words-note = In assessment this moment asks for your own words: there is no menu to choose from.
player-send = Send
player-stay-silent = Stay silent
player-undo = Undo last turn
player-leave = Leave for now
player-leave-title = Your attempt stays in progress; resume it from the library.
player-keys = Keyboard:
player-keys-choose = choose
player-keys-send = send your words
player-keys-silent = stay silent
player-keys-undo = undo (outside the text box)
player-key-ctrl = Ctrl
player-key-enter = Enter
player-trial = Trial run (not recorded)
player-not-counted-unapproved = This version of the scenario has not been approved by a trainer. The attempt is recorded, but it does not count towards certification.
player-not-counted-withdrawn = A trainer withdrew this version of the scenario on { $on } ({ $reason }). The attempt is recorded, but it does not count towards certification.
player-cue-heading = What you notice
player-meters-heading = How they are (practice only)
player-meter = { $label }: { $value } of { $max }
player-turn-number = Turn { $turn }.
player-you = You
player-stayed-silent = (stayed silent)
player-hint-placeholder = After each turn you will see a hint here.
player-words-showed = What your words showed
player-rule = rule
player-response-showed = This response showed: { $behaviours }.
player-feedback = Feedback
player-feedback-on-turn = Feedback on turn { $turn }

## The debrief

debrief-heading = Debrief: { $title }
debrief-result = Result: { $verdict ->
        [in_progress] In progress
        [passed] Passed
       *[not_passed] Not passed
    }
debrief-practice-note = Practice: this does not count for certification.
debrief-assessment-note = Assessment.
debrief-missed-flag = Missed red flag: { $title }
debrief-missed-revoked = the warning sign came at turn { $cue } (beat “{ $beat }”); turn { $revoked } waved the risk away or undid the safety step.
debrief-missed-not-acted = the warning sign came at turn { $cue } (beat “{ $beat }”) and was not asked about and acted on.
debrief-go-to-turn = Go to turn { $turn }
debrief-ending-heading = About this ending
debrief-back-dashboard = Back to my progress
debrief-back-library = Back to the library
debrief-not-assessed = not assessed
debrief-chart-heading = Competencies
debrief-chart-note = Bars show each score from −2 to +2; • marks the competencies this scenario targets. The same results are in the table below.
debrief-table-heading = Competencies in detail
debrief-table-caption = All 15 interview competencies (Mira et al., BMJ Open 2025, Box 1), with the evidence for each
debrief-col-competency = Competency
debrief-col-targeted = Targeted
debrief-col-level = Level
debrief-col-score = Score
debrief-col-evidence = Evidence
debrief-yes = yes
debrief-no = no
debrief-limited-evidence = limited evidence: one chance on this path, so at most competent
debrief-turn = Turn { $turn }
debrief-no-evidence = no evidence on this path
debrief-flags-heading = Red flags
debrief-flag-sign = warning sign at turn { $turn }
debrief-flag-asked = asked at turn { $turn }
debrief-flag-acted = acted at turn { $turn }
debrief-flag-undone = undone at turn { $turn }
debrief-no-flags = No warning sign came up on this path.
debrief-models-heading = Stronger responses for some turns
debrief-model = you said “{ $you }”. Stronger: “{ $stronger }”
debrief-measures-heading = How the conversation went
debrief-open-questions = Open questions
debrief-open-questions-value = { $open } of { $questions } ({ $share })
debrief-reflections = Reflections per question
debrief-reflections-value = { $ratio } to 1
debrief-word-share = Your share of the words
debrief-silences = Silences kept
debrief-transcript-heading = Transcript
debrief-report-saved = Report saved to { $path }.
debrief-save-markdown = Save report as Markdown…
debrief-save-html = Save report as HTML…
debrief-moderated-heading = Moderated by a trainer
debrief-moderation-entry = { $kind ->
        [competency] Competency
       *[red_flag] Red flag
    } { $item }: { $before } → { $after } (engine's grade: { $original }) by { $trainer } at { $at }. Reason: { $reason }

## The trainee dashboard

dashboard-heading = My progress: { $name }
dashboard-status-heading = Certification
dashboard-status = Status: { $headline }
dashboard-days = { $days ->
        [one] { $days } day
       *[other] { $days } days
    }
dashboard-next = Next:
dashboard-as-of = As of { $at }, under policy { $policy }.
dashboard-missing-heading = Still missing ({ $count })
dashboard-missing-none = Nothing is missing.
dashboard-grid-heading = Competencies across your attempts
dashboard-grid-caption = Level per completed attempt, oldest first (✓ competent, ★ exemplary, ◔ developing, ✗ not yet, – not assessed)
dashboard-grid-attempt = { $mode ->
        [practice] practice
       *[assessment] assessment
    }, { $passed ->
        [true] passed
       *[false] not passed
    }{ $moderated ->
        [true] , moderated
       *[false] {""}
    }
dashboard-grid-empty = No completed attempts yet.
dashboard-history-heading = Attempt history
dashboard-history-caption = Your attempts, newest first
dashboard-col-scenario = Scenario
dashboard-col-mode = Mode
dashboard-col-started = Started
dashboard-col-result = Result
dashboard-col-turns = Turns
dashboard-col-debrief = Debrief
dashboard-passed = { $passed ->
        [true] passed
       *[false] not passed
    }{ $moderated ->
        [true] {" "}(moderated)
       *[false] {""}
    }
dashboard-open-debrief = Open debrief
dashboard-open-debrief-label = Open debrief: { $title }, { $mode ->
        [practice] practice
       *[assessment] assessment
    }, { $started }
dashboard-history-empty = No attempts yet. Choose a scenario in the library.
dashboard-to-library = Go to the library
dashboard-certificate-label = Certificate
dashboard-certificate-saved = Certificate saved.
dashboard-save-certificate-pdf = Save certificate as PDF…
dashboard-print-certificate = Print certificate (HTML)…
certificate-saved = Certificate saved to { $path }; its signed credential is { $credential }.

## Shared vocabularies: the Rust side sends these as ids

# $mode: practice or assessment
mode-name = { $mode ->
        [practice] Practice
       *[assessment] Assessment
    }
# $status: the stored status of an attempt
attempt-status = { $status ->
        [in_progress] in progress
        [completed] completed
        [abandoned] abandoned
       *[other] { $status }
    }
# $outcome: how a red flag went
flag-outcome = { $outcome ->
        [recognised] recognised
        [missed] missed
        [open] still open
       *[other] { $outcome }
    }
# $band: the MITI band of the reflection-to-question ratio
miti-band = { $band ->
        [below_fair] below fair (under 1:1)
        [fair] fair (1:1 or more)
        [good] good (2:1 or more)
       *[other] { $band }
    }
# $level: a competency level, as a word inside a sentence
level = { $level ->
        [not_assessed] not assessed
        [not_yet] not yet
        [developing] developing
        [competent] competent
        [exemplary] exemplary
       *[other] { $level }
    }
# $level: a scenario's difficulty
difficulty = { $level ->
        [introductory] introductory
        [intermediate] intermediate
        [advanced] advanced
       *[other] { $level }
    }
# $id: a behaviour the analyser labels
behaviour = { $id ->
        [reflection] reflection
        [feeling_named] feeling named
        [validation] validation
        [normalising] normalising
        [presence] presence
        [judgement] judgement
        [fact_finding] fact finding
        [minimising] minimising
        [premature_reassurance] premature reassurance
        [advice] advice
        [self_focus] self focus
        [confidentiality] confidentiality
        [legal_offer] legal offer
        [plan] plan
        [follow_up] follow-up
        [suicide_inquiry] suicide inquiry
        [risk_assessment] risk assessment
        [referral] referral
        [safety_action] safety action
        [dismisses_risk] dismisses risk
       *[other] { $id }
    }

## Moderation (trainers)

moderation-heading = Moderation queue
moderation-lead = Completed assessments with free-text turns, newest first. Open one to read it and, if needed, override a grade with a written reason.
moderation-queue-detail = ended { $ended }, { $turns ->
        [one] { $turns } turn,
       *[other] { $turns } turns,
    }
moderation-queue-result = { $passed ->
        [true] passed
       *[false] not passed
    }{ $moderated ->
        [true] , moderated
       *[false] {""}
    }
moderation-queue-empty = Nothing to moderate: no completed assessment has free-text turns.
moderation-attempt-heading = Moderate: { $title } — { $trainee }
moderation-saved = Override saved
moderation-saved-announce = Override saved. Status: { $headline }.
moderation-trainee-status = { $trainee }'s certification
moderation-open-override = Override a grade…
moderation-back-queue = Back to the queue
moderation-audit-heading = Audit log for this attempt
moderation-no-overrides = No overrides yet.
moderation-who = Who
moderation-when = When
moderation-what = What
moderation-before = Before
moderation-after = After
moderation-why = Why
moderation-target-competency = Competency: { $title } (now { $now })
moderation-target-flag = Red flag: { $title } (now { $now })
moderation-reason-needed = Write a reason: every override needs one.
moderation-override-heading = Override a grade
moderation-override-note = The original grade stays visible; the trainee's certification is recomputed.
moderation-target = Grade to change
moderation-value = New value
moderation-reason = Reason (required)
moderation-reason-help = Say why, in words the trainee and an accreditation body can follow.
moderation-save = Save override
moderation-cancel = Cancel
# $level: a competency level as a choice on its own
level-option = { $level ->
        [not_assessed] Not assessed
        [not_yet] Not yet
        [developing] Developing
        [competent] Competent
       *[exemplary] Exemplary
    }
# $outcome: a red-flag outcome as a choice on its own
flag-outcome-option = { $outcome ->
        [recognised] Recognised
        [missed] Missed
       *[other] Not presented
    }

## Training records (accreditation)

records-heading = Training records
records-lead = Trainees are shown by their pseudonymous id. Transcripts and free text are never shown or exported.
records-empty = No trainee matches these filters.
records-shown = { $count ->
        [one] { $count } trainee shown.
       *[other] { $count } trainees shown.
    }
records-page = Trainees { $first }–{ $last } of { $total }
records-page-open = Trainees { $first }–{ $last }
records-pages = Pages of the records table
records-previous = Previous page
records-next = Next page
records-open-export = Export these records…
records-caption = { $count ->
        [one] { $count } trainee; attempts counted in the date range
       *[other] { $count } trainees; attempts counted in the date range
    }
records-col-trainee = Trainee (pseudonymous id)
records-col-organisation = Organisation
records-col-certification = Certification
records-col-attempts = Completed attempts
records-col-assessments = Assessments
records-col-moderated = Moderated
records-col-last = Last completed
records-col-certificate = Certificate
records-certificate-pdf = PDF…
records-certificate-pdf-label = PDF… (certificate of { $trainee })
records-certificate-print = Print…
records-certificate-print-label = Print… (certificate of { $trainee })
records-format = { $format ->
        [csv] CSV: one row per trainee and competency
        [csv-attempts] CSV: one row per attempt
        [json] JSON document, signed (a .sig file is written beside it)
        [xapi] xAPI 1.0.3 statements (JSON)
       *[ob3] Open Badges 3.0 credentials, signed (JSON)
    }
records-export-progress = Export progress
records-choose-save = Choose where to save…
records-exported = { $count ->
        [one] Exported { $count } record to { $path }.
       *[other] Exported { $count } records to { $path }.
    }
records-exported-signed = { $count ->
        [one] Exported { $count } record to { $path } (signature: { $signature }).
       *[other] Exported { $count } records to { $path } (signature: { $signature }).
    }
records-export-finished = { $count ->
        [one] Export finished: { $count } record.
       *[other] Export finished: { $count } records.
    }
records-export-cancelled = Export cancelled; nothing was written.
records-export-failed = Export failed: { $message }
records-export-heading = Export records
records-export-text = The records shown in the table (the same filters) are exported. Transcripts and free text are never included.
records-format-legend = Format
records-home-page = Organisation home page (needed for xAPI statements)
records-privacy = Privacy
records-include-identity = Include identity: trainees' names and emails
records-identity-help = Off by default: trainees are identified only by their pseudonymous id. Tick only if the receiving body needs names. (xAPI statements and credentials are always pseudonymous.)
records-close = Close

filters-label = Filters
filters-organisation = Organisation
filters-from = From (completed on or after)
filters-to = To (status is taken on this day)
filters-status = Certification status (none ticked: any)
filters-apply = Apply filters
# $standing: a certification standing
standing = { $standing ->
        [not_started] Not started
        [in_progress] In progress
        [certified] Certified
        [refresher_due] Refresher due
        [expired_grace] Expired (grace)
       *[lapsed] Lapsed
    }
progress-of-about = { $done } of about { $total }
progress-done = { $progress } — done

## Pushing to a learning record store

push-outbox = Outbox
push-pending = Pending
push-delivered = Delivered
push-failed = Failed
push-rejected-heading = Statements the store rejected
push-requeued = Rejected statements are queued again; push to send them.
push-retry = Retry failed statements
push-none-rejected = No statement has been rejected.
push-home-page-placeholder = https://your-organisation.example/
push-progress = Push progress
push-send = Push statements
push-pushing = Pushing…
push-stopped = The push stopped: { $message }
push-complete = Push complete: { $queued ->
        [one] { $queued } new statement queued
       *[other] { $queued } new statements queued
    }, { $delivered } delivered in this push.
push-stopped-announce = The push stopped; see the message.
push-complete-announce = Push complete.
push-could-not-start = The push could not start: { $message }
push-lrs-url = Learning record store xAPI address
push-user = User
push-password = Password
push-password-help = Used for this push only and never stored; you type it each time.
push-home-page = Organisation home page (names trainees' accounts in statements)
push-explain = Statements of the records matching the records screen's filters are queued, then everything pending is sent. Statements are always pseudonymous.

## Verifying a file

verify-checking = Checking { $file }…
verify-cannot = Cannot be verified
verify-valid = Valid
verify-not-valid = Not valid
verify-item = { $label }: { $valid ->
        [true] valid
       *[false] not valid
    }
verify-credential = Credential { $credential }, subject { $subject }, issuer { $issuer }
verify-check-passed = Passed:
verify-check-failed = Failed:
verify-lead = Check an Open Badges credential or a signed JSON export offline: its signature, issuer key and dates.
verify-choose = Choose a file…
verify-path = Or type the file's path
verify-submit = Verify

## Cohort reports (trainers)

cohort-kind = { $kind ->
        [pass-rate] Pass rate per scenario version
        [competency] Competency profile of the cohort
        [items] Item analysis per beat
        [red-flags] Red-flag recognition and time to recognition
        [forecast] Refresher forecast (30, 60, 90 days)
       *[versions] Change in results across scenario versions
    }
cohort-shown = { $title }: { $rows ->
        [one] { $rows } row
       *[other] { $rows } rows
    }{ $suppressed ->
        [0] .
       *[other] , { $suppressed } suppressed.
    }
cohort-filters-label = Report and filters
cohort-report = Report
cohort-to = To (the forecast is taken on this day)
cohort-scenario = Scenario id (blank: all)
cohort-show = Show report
cohort-lead = Results of completed assessments across trainees. A figure about fewer than 5 trainees is shown as suppressed, so nobody can be singled out; no transcript or free text is ever shown.
cohort-empty = No completed assessment matches these filters.
cohort-suppressed = suppressed
cohort-chart = Chart
cohort-chart-words = The chart in words
cohort-table-caption = { $title }: the chart's figures, { $rows ->
        [one] { $rows } row
       *[other] { $rows } rows
    }

## Observed role-play (trainers)

observation-lead = Score a live role-play with a human partner against the same competencies and red flags. Keep short, timestamped notes as evidence; no transcript is kept.
observation-remove-note = Remove
observation-partner-actor = An actor
observation-partner-trainee = Another trainee
observation-scenario-placeholder = e.g. insulin-overdose
observation-not-assessed-text = The role-play gave no chance to show it.
observation-flag-legend = Red flag: { $title }
observation-not-presented-text = The role-play did not present this red flag.
observation-time-placeholder = mm:ss
observation-no-competency = (no competency)
observation-timer-not-started = Timer not started
observation-timer-started = Timer started at 00:00
observation-start-timer = Start the role-play timer
observation-note-needed = Write the note before adding it.
observation-note-added = { $count ->
        [one] Note added, { $count } so far
       *[other] Note added, { $count } so far
    }
observation-recorded = Observation recorded: { $passed ->
        [true] passed
       *[false] not passed
    }
observation-trainee = Trainee
observation-partner = Partner
observation-scenario = Scenario used as the brief (optional)
observation-notes = Notes
observation-note-time = Time (mm:ss; empty uses the timer)
observation-note-competency = Evidence for
observation-note = Note
observation-add-note = Add note
observation-record = Record observation
observation-no-trainees = There are no trainees to observe yet.
observation-agreement-heading = Automated and observed, side by side
observation-agreement-text = { $count ->
        [one] { $count } paired trainee.
       *[other] { $count } paired trainees.
    } Levels are counted as not yet / developing / competent / exemplary; agreement is on the level and on the pass threshold (competent or better), with Cohen's kappa.
observation-col-pairs = Pairs
observation-col-automated = Automated
observation-col-observed = Observed
observation-col-level-agreement = Level agreement
observation-col-kappa = Kappa
observation-col-threshold-agreement = Threshold agreement
observation-recorded-heading = Recorded observations
observation-entry = { $trainee }, { $at }, partner: { $partner ->
        [actor] an actor
        [trainee] another trainee
       *[other] { $partner }
    }, by { $trainer }: { $passed ->
        [true] passed
       *[false] not passed
    } ({ $notes ->
        [one] { $notes } note
       *[other] { $notes } notes
    })
observation-none = None yet.

## The trainer workbench

workbench-folder = Scenario folder
workbench-open = Open
workbench-browse = Browse…
workbench-lead = Open a folder of scenarios (or one scenario folder). Findings update as soon as you save a file.
workbench-folder-first = Type or choose a folder first.
workbench-opened = { $count ->
        [one] Opened { $count } scenario.
       *[other] Opened { $count } scenarios.
    }
workbench-reloaded = Reloaded after a file change: { $errors ->
        [one] { $errors } error.
       *[other] { $errors } errors.
    }
workbench-errors = { $errors ->
        [one] { $errors } error
       *[other] { $errors } errors
    }{ $warnings ->
        [0] {""}
        [one] , { $warnings } warning
       *[other] , { $warnings } warnings
    }
workbench-warnings = { $warnings ->
        [one] { $warnings } warning
       *[other] { $warnings } warnings
    }
workbench-no-findings = no findings
workbench-scenarios-label = Scenarios in the folder
workbench-scenarios-nav = Scenarios
workbench-no-scenarios = This folder has no scenarios.
workbench-findings-heading = Findings for { $title }
workbench-finding = { $severity ->
        [error] Error
       *[warning] Warning
    } { $code }
workbench-finding-means = { $code } means { $explanation }.
workbench-checks-clean = No findings: the scenario checks clean.
workbench-graph = Graph
workbench-graph-note = Each box is a beat; choose one to play from it. Endings have a double border; ⚠ marks a red-flag cue; dashed arrows are conditional routes.
workbench-graph-label = Graph of { $scenario }
workbench-tools = Tests and explorer
workbench-running-tests = Running the tests…
workbench-tests-passed = { $total ->
        [one] { $passed } of { $total } test passed.
       *[other] { $passed } of { $total } tests passed.
    }
workbench-test-passed = passed:
workbench-test-failed = FAILED:
workbench-run-tests = Run the scenario's tests
workbench-walks = Walks
workbench-seed = Seed
workbench-exploring = Exploring…
workbench-explorer-summary = { $walks } walks: { $coverage } of beats and endings visited, { $passes } passed, { $errors ->
        [one] { $errors } error
       *[other] { $errors } errors
    }, { $unfinished } unfinished.
workbench-endings-reached = Endings reached:
workbench-flags-recognised = Red flags recognised on some walk:
workbench-flags-met = met:
workbench-none = none
workbench-seed-error = seed { $seed }: { $message }
workbench-run-explorer = Run the explorer
workbench-audit-heading = Gaming audit (assessment mode)
workbench-audit-note = Naive strategies must never pass; random play must pass in under 2% of walks.
workbench-col-strategy = Strategy
workbench-col-passed = Passed
workbench-col-pass-rate = Pass rate
workbench-gameable = gameable
workbench-not-gameable = No strategy games this scenario.
workbench-salad = Keyword salad typed at free-text beats:
workbench-node-ending = ending
workbench-node-start = start
workbench-node-line = line { $line }
workbench-node-title = { $ending ->
        [true] Ending
       *[false] Beat
    } { $id }{ $start ->
        [true] , the start
       *[false] {""}
    }{ $hasFlag ->
        [true] , red-flag cue: { $flag }
       *[false] {""}
    }, line { $line }
workbench-node-label = { $id } { $sub }: play from this beat{ $start ->
        [true] , the start
       *[false] {""}
    }{ $flag ->
        [true] , a red-flag cue
       *[false] {""}
    }{ $start ->
        [true] , line { $line }
       *[false] { $flag ->
            [true] , line { $line }
           *[false] {""}
        }
    }
