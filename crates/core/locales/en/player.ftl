# What the player tells the trainee during a conversation, in English.

player-no-match = No rule in this beat matched your response, so the conversation stays here. Try saying it another way, pick a choice, or stay silent.
player-own-words = Say it in your own words
player-strong = Strong: { $reasons }.
player-weak = Weak: { $reasons }.
player-neutral = Neutral: this response neither helped nor hurt.
player-listen-again = Listen again to what { $name } just said: it may be a warning sign. Ask about it directly, then act.
player-listen-again-anyone = Listen again to what the person just said: it may be a warning sign. Ask about it directly, then act.

player-words-showed = your words showed: { $labels }
# How a label is named in player-words-showed: the question kinds in words,
# the behaviours by their stable ids.
player-label = { $id ->
        [open] open question
        [closed] closed question
       *[other] { $id }
    }
player-pause-kept = kept a pause that called for silence
player-pause-filled = filled a pause that called for silence
