# The competency framework and the core's other vocabularies, in English.
# Ids are stable: `competency-<id>` with the competency id's underscores as
# hyphens. English is the source and the fallback for every language.

## The 15 interview competencies (Box 1 of Mira et al., BMJ Open 2025).

competency-atmosphere = Warm, safe atmosphere
competency-atmosphere-description = Open in a way that feels safe: greet the person, thank them for coming, make clear there is time and privacy, and keep an unhurried tone.
competency-let-them-lead = Let them lead
competency-let-them-lead-description = Let the colleague choose where to start and what to talk about; follow their thread rather than an agenda of your own.
competency-relationship = Person and relationship first
competency-relationship-description = Treat the colleague as a person and a peer, not as a case or an incident report: use their name, show respect and solidarity.
competency-active-listening = Active listening
competency-active-listening-description = Show that you heard: reflect, paraphrase and summarise what they said so that your replies connect to their words.
competency-open-questions = Open questions
competency-open-questions-description = Ask questions that invite a story (what, how, tell me) rather than strings of yes/no or leading questions.
competency-presence = Presence before interpretation
competency-presence-description = When it is too early to make sense of things, simply stay with the person; hold back explanations and interpretations.
competency-follow-affect = Follow the feeling
competency-follow-affect-description = Respond to the emotion under the words and to non-verbal signs, not only to the facts being reported.
competency-not-fact-finding = No fact-finding
competency-not-fact-finding-description = Let their account stand as their experience; do not test it for accuracy, completeness, timelines or fault.
competency-allow-silence = Allow silence
competency-allow-silence-description = Leave room for pauses when the person stops or is overwhelmed, instead of filling every gap.
competency-experience-and-emotions = Their experience and emotions
competency-experience-and-emotions-description = Keep the focus on what this was and is like for them, rather than on the mechanics of the incident.
competency-normalise = Normalise feelings
competency-normalise-description = Let them know that strong reactions after an event like this are common and understandable.
competency-no-judgement = No judgement of responsibility
competency-no-judgement-description = Stay neutral about responsibility: neither blame nor absolve before they have had their say, and do not moralise.
competency-legal-support = Legal support
competency-legal-support-description = When legal worries come up, offer access to proper legal advice or the organisation's legal support, without giving amateur opinions.
competency-plan-next-steps = Clear next steps
competency-plan-next-steps-description = Close with concrete, agreed next steps: who does what, and where to get help.
competency-follow-up = Follow-up in 1–2 weeks
competency-follow-up-description = Arrange a concrete follow-up contact within one to two weeks.

## Red-flag categories.

red-flag-suicide-risk = Suicide risk
red-flag-severe-decompensation = Severe decompensation

## Grade levels.

level-not-assessed = not assessed
level-not-yet = not yet
level-developing = developing
level-competent = competent
level-exemplary = exemplary

## Bands of the reflections-to-questions ratio.

miti-band-below-fair = below fair (under 1:1)
miti-band-fair = fair (1:1 or more)
miti-band-good = good (2:1 or more)

## Modes and difficulties.

mode-practice = practice
mode-assessment = assessment
difficulty-introductory = introductory
difficulty-intermediate = intermediate
difficulty-advanced = advanced
