# What the player tells the trainee during a conversation, in English.

player-no-match = No rule in this beat matched your response, so the conversation stays here. Try saying it another way, pick a choice, or stay silent.
player-own-words = Say it in your own words
player-strong = Strong: { $reasons }.
player-weak = Weak: { $reasons }.
player-neutral = Neutral: this response neither helped nor hurt.
player-listen-again = Listen again to what { $name } just said: it may be a warning sign. Ask about it directly, then act.
player-listen-again-anyone = Listen again to what the person just said: it may be a warning sign. Ask about it directly, then act.
