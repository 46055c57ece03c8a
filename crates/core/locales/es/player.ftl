# Lo que el reproductor le dice a quien se entrena durante la conversación, en español.

player-no-match = Ninguna regla de este momento ha reconocido tu respuesta, así que la conversación sigue aquí. Prueba a decirlo de otra manera, elige una opción o guarda silencio.
player-own-words = Dilo con tus propias palabras
player-strong = Bien: { $reasons }.
player-weak = Mejorable: { $reasons }.
player-neutral = Neutra: esta respuesta ni ha ayudado ni ha perjudicado.
player-listen-again = Vuelve a escuchar lo que acaba de decir { $name }: puede ser una señal de alarma. Pregunta por ello directamente y actúa.
player-listen-again-anyone = Vuelve a escuchar lo que acaba de decir esa persona: puede ser una señal de alarma. Pregunta por ello directamente y actúa.

player-words-showed = tus palabras mostraron: { $labels }
# Cómo se nombra cada etiqueta en player-words-showed.
player-label = { $id ->
        [open] pregunta abierta
        [closed] pregunta cerrada
        [reflection] reflejo
        [feeling_named] nombrar la emoción
        [validation] validación
        [normalising] normalización
        [presence] presencia
        [judgement] juicio
        [fact_finding] indagar en los hechos
        [minimising] quitar importancia
        [premature_reassurance] tranquilizar antes de tiempo
        [advice] consejo
        [self_focus] hablar de uno mismo
        [confidentiality] confidencialidad
        [legal_offer] ofrecer apoyo jurídico
        [plan] plan
        [follow_up] seguimiento
        [suicide_inquiry] preguntar por el suicidio
        [risk_assessment] valorar el riesgo
        [referral] derivación
        [safety_action] medida de seguridad
        [dismisses_risk] restar importancia al riesgo
       *[other] { $id }
    }
player-pause-kept = respeta una pausa que pedía silencio
player-pause-filled = llena una pausa que pedía silencio
