# Names in exports (xAPI displays, Open Badges achievements), in English.
# The English forms are the ones older exports carried; keep them stable.

xapi-verb-completed = completed
xapi-verb-passed = passed
xapi-verb-failed = failed
xapi-verb-satisfied = satisfied
xapi-verb-observed = was observed in
xapi-observed-role-play = Observed role-play with a human partner
xapi-certification = Second victim peer supporter certification
ob-achievement-name = Second victim peer supporter
ob-achievement-description = Certified as a peer supporter for healthcare second victims under Rehearse certification policy { $policy }.
