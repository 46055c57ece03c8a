# Certification status texts, in English.

## Headlines.

status-not-started = not started
status-in-progress = in progress
status-certified-until = certified until { $date }
status-certified = certified
status-refresher-due = refresher due
status-expired-grace = expired (grace)
status-lapsed = lapsed

## What is still missing.

missing-distinct-scenarios = passed assessments in { $needed } different scenarios ({ $have } so far)
missing-competency = { $title } at competent or better in { $needed } passed assessments ({ $have } so far)
missing-red-flag = { $title } recognised in a passed assessment
missing-refresher-passes = { $needed } passed assessments in the refresher window ({ $have } so far)
missing-refresher-red-flag = { $needed } refresher assessment(s) with a red flag recognised ({ $have } so far)
missing-refresher-distinct-scenarios = refresher passes in { $needed } different scenarios ({ $have } so far; passing the same scenario again does not count twice)
missing-observed = { $needed } observed role-play assessment(s) by a trainer with every scored competency at { $level } or better and no red flag missed ({ $have } so far)
missing-refresher-content = a pass of refresher content: { $scenarios }
# Joins the alternatives of missing-refresher-content.
list-or = or

## Passes that do not count because of the scenario version.

uncounted-one-pass = the pass of { $date }
uncounted-passes = { $count } passes (the last on { $date })
uncounted-withdrawn = { $scenario } (version { $version }): { $passes } no longer counts; this version was withdrawn on { $on } by { $by }: "{ $reason }". Pass { $scenario } again at an approved version
uncounted-unapproved = { $scenario } (version { $version }): { $passes } does not count yet; this version is not approved (a trainer approves it with `rehearse catalogue approve`)
uncounted-approved = { $scenario } (version { $version }): { $passes } counts

## Countdowns.

countdown-when =
    { $days ->
        [0] today
        [1] in 1 day
       *[other] in { $days } days
    }
countdown-refresher-window = the refresher window opens { $when } (on { $date })
countdown-expiry = the certificate expires { $when } (valid through { $date })
countdown-grace-end = grace ends { $when } (last day { $date }); after that the certificate lapses

## The next action.

next-action-not-started = Play a scenario in assessment mode; practice attempts help you prepare but never count towards certification.
next-action-in-progress = Keep passing assessments; still needed ({ $count } item(s)), starting with: { $first }.
next-action-certified = Nothing is due now; the refresher window opens on { $date }.
next-action-refresher-due = Renew before { $expires } (expiry) with refresher assessments: { $missing }.
next-action-expired-grace = The certificate expired on { $expires }; renew by { $grace } (end of grace) with refresher assessments: { $missing }.
next-action-lapsed = The certificate lapsed after { $grace }; full certification is needed again, starting with: { $first }.
next-action-reassess = Re-assess { $scenarios }: the scenario version you passed was withdrawn, so that pass no longer counts.
