# El marco de competencias y los demás vocabularios del núcleo, en español
# de España. Se tutea a la persona en formación. Los ids son los del
# archivo inglés, que es la referencia.

## Las 15 competencias de la entrevista (recuadro 1 de Mira et al., BMJ Open 2025).

competency-atmosphere = Clima cálido y seguro
competency-atmosphere-description = Empieza de forma que la persona se sienta segura: salúdala, agradécele que haya venido, deja claro que hay tiempo y privacidad, y mantén un tono sin prisas.
competency-let-them-lead = Dejar que guíe la conversación
competency-let-them-lead-description = Deja que tu compañero o compañera elija por dónde empezar y de qué hablar; sigue su hilo en lugar de un guion propio.
competency-relationship = Primero la persona y la relación
competency-relationship-description = Trata a tu colega como persona y como igual, no como un caso ni como una notificación de incidente: llámale por su nombre y muestra respeto y solidaridad.
competency-active-listening = Escucha activa
competency-active-listening-description = Demuestra que has escuchado: refleja, parafrasea y resume lo que ha dicho, de modo que tus respuestas enlacen con sus palabras.
competency-open-questions = Preguntas abiertas
competency-open-questions-description = Haz preguntas que inviten a contar (qué, cómo, cuéntame) en lugar de encadenar preguntas de sí o no o preguntas que sugieren la respuesta.
competency-presence = Presencia antes que interpretación
competency-presence-description = Cuando todavía es pronto para dar sentido a lo ocurrido, quédate sin más junto a la persona; guárdate las explicaciones y las interpretaciones.
competency-follow-affect = Seguir la emoción
competency-follow-affect-description = Responde a la emoción que hay bajo las palabras y a las señales no verbales, no solo a los hechos que se relatan.
competency-not-fact-finding = No investigar los hechos
competency-not-fact-finding-description = Acepta su relato como su vivencia; no lo examines en busca de exactitud, lagunas, cronologías o culpas.
competency-allow-silence = Permitir el silencio
competency-allow-silence-description = Deja espacio a las pausas cuando la persona se detiene o se ve desbordada, en lugar de llenar cada hueco.
competency-experience-and-emotions = Su vivencia y sus emociones
competency-experience-and-emotions-description = Centra la conversación en cómo fue y cómo está siendo esto para ella, y no en la mecánica del incidente.
competency-normalise = Normalizar las reacciones
competency-normalise-description = Hazle saber que las reacciones intensas después de un suceso así son frecuentes y comprensibles.
competency-no-judgement = No juzgar la responsabilidad
competency-no-judgement-description = Mantente neutral sobre la responsabilidad: ni culpes ni exculpes antes de que haya podido explicarse, y no sermonees.
competency-legal-support = Apoyo jurídico
competency-legal-support-description = Cuando surjan preocupaciones legales, ofrece acceso a un asesoramiento jurídico adecuado o al apoyo jurídico de la organización, sin dar opiniones de aficionado.
competency-plan-next-steps = Próximos pasos claros
competency-plan-next-steps-description = Cierra con pasos concretos y acordados: quién hace qué y dónde conseguir ayuda.
competency-follow-up = Seguimiento en 1–2 semanas
competency-follow-up-description = Acuerda un contacto de seguimiento concreto en un plazo de una a dos semanas.

## Categorías de señales de alarma.

red-flag-suicide-risk = Riesgo de suicidio
red-flag-severe-decompensation = Descompensación grave

## Niveles de calificación.

level-not-assessed = sin evaluar
level-not-yet = todavía no
level-developing = en desarrollo
level-competent = competente
level-exemplary = ejemplar

## Bandas de la proporción de reflejos por pregunta.

miti-band-below-fair = por debajo de aceptable (menos de 1:1)
miti-band-fair = aceptable (1:1 o más)
miti-band-good = buena (2:1 o más)

## Modos y dificultades.

mode-practice = práctica
mode-assessment = evaluación
difficulty-introductory = inicial
difficulty-intermediate = intermedia
difficulty-advanced = avanzada
