# The CLI's user-facing text, in English.


## rehearse play

cli-play-heading = { $title } — { $mode } (seed { $seed })
cli-play-silence = /silence to stay silent
cli-play-own-words = type your own words ({ $prompt })
cli-play-or-own-words = or type your own words ({ $prompt })
cli-play-undo = /undo
cli-play-hint = hint: { $hint }
cli-play-input-ended = (input ended before the conversation did; the attempt is incomplete)
cli-play-input-ended-saved = (input ended before the conversation did; the attempt is incomplete; it is saved and resumes the next time you play this scenario)
cli-play-resuming = Resuming attempt { $attempt } for { $trainee } ({ $mode } mode, seed { $seed }): { $saved } turn(s) were saved; continuing from turn { $next }.
cli-play-keeps-mode = (the saved attempt keeps its own mode and seed; finish it first to start another)
cli-play-recording = Recording attempt { $attempt } for { $trainee } in { $path }.
cli-play-not-approved = is not approved by a trainer
cli-play-withdrawn = was withdrawn on { $on } ({ $reason })
cli-play-does-not-count = this version of { $scenario } { $why }: the attempt is recorded but does not count towards certification (`rehearse catalogue list`)
cli-play-saved = Attempt { $attempt } is saved. Certification status: { $status }.
cli-play-at-needs-trainee = --at dates a recorded attempt; use it with --trainee
cli-play-line-not-utf8 = input line { $line } is not valid UTF-8 text: { $error }
cli-play-input-line = input line { $line }: { $error }

## rehearse list

cli-list-none = No scenarios found. Bundled: { $bundled }; user folder: { $user }
cli-list-heading = { $id } v{ $version } [{ $origin }] — { $title }
cli-list-details = { $setting } · { $minutes } min · { $difficulty } · { $personas }
cli-list-targets = targets: { $targets }
cli-list-cannot-load = { $path } [{ $origin }] — cannot be loaded
cli-list-problem = problem: { $problem }

## rehearse status

cli-status-on = on:     { $date } (policy { $policy })
cli-status-expiry = expiry: { $expires }; refresher window from { $opens }; grace to { $grace }
cli-status-missing = still missing:
cli-status-reassessment = re-assessment needed:
cli-status-awaiting = not counted (scenario version not approved):
cli-status-next = next:   { $action }

## rehearse attempts

cli-attempts-none = { $trainee } has no attempts yet
cli-attempts-passed = passed
cli-attempts-not-passed = not passed
cli-attempts-moderated = (moderated)
cli-attempts-unapproved = (scenario version not approved: does not count)
cli-attempts-withdrawn = (scenario version withdrawn on { $on }: no longer counts)
cli-attempts-turns = turn(s)
