# Lo que el reproductor le dice a quien se entrena durante la conversación, en español.

player-no-match = Ninguna regla de este momento ha reconocido tu respuesta, así que la conversación sigue aquí. Prueba a decirlo de otra manera, elige una opción o guarda silencio.
player-own-words = Dilo con tus propias palabras
player-strong = Bien: { $reasons }.
player-weak = Mejorable: { $reasons }.
player-neutral = Neutra: esta respuesta ni ha ayudado ni ha perjudicado.
player-listen-again = Vuelve a escuchar lo que acaba de decir { $name }: puede ser una señal de alarma. Pregunta por ello directamente y actúa.
player-listen-again-anyone = Vuelve a escuchar lo que acaba de decir esa persona: puede ser una señal de alarma. Pregunta por ello directamente y actúa.
