# El informe del intento y los motivos de la calificación, en español de España.

report-title = { $title }: informe del intento
report-result = **Resultado: { $verdict }** ({ $mode })
report-verdict-in-progress = EN CURSO
report-verdict-passed = SUPERADO
report-verdict-not-passed = NO SUPERADO
report-mode-practice = práctica (no cuenta para la certificación)
report-mode-assessment = evaluación
report-critical = Crítico:
report-why-not-passed = Por qué no se ha superado:
report-competencies = Competencias
report-framework = Marco: { $citation }
report-column-competency = Competencia
report-column-targeted = Objetivo
report-column-level = Nivel
report-column-score = Puntuación
report-column-chances = Ocasiones
report-column-evidence = Evidencias
report-targeted-yes = sí
report-limited-evidence = { $level } (evidencia limitada: una sola ocasión)
report-evidence = turno { $turn } { $delta } { $reason }
report-red-flags = Señales de alarma
report-no-red-flag = En este recorrido no ha aparecido ninguna señal de alarma.
report-flag-recognised = reconocida (turnos { $turns })
report-flag-missed = PASADA POR ALTO
report-flag-missed-revoked = PASADA POR ALTO (anulada: el turno { $turn } deshizo el paso de seguridad)
report-flag-open = aún abierta
report-flag-line = { $title } en el turno { $turn } (momento «{ $beat }»): { $outcome }
report-measures = Medidas de la conversación
report-open-questions = Preguntas abiertas: { $open } de { $questions } preguntas ({ $share })
report-reflections = Reflejos por pregunta: { $ratio } ({ $band })
report-no-questions = sin preguntas
report-word-share = Tu parte de las palabras: { $share }
report-silences = Silencios respetados: { $count }
report-stronger = Respuestas más eficaces
report-stronger-line = Turno { $turn }: dijiste «{ $you }». Más eficaz: «{ $stronger }» ({ $why })
report-transcript = Transcripción
report-persona = Personaje
report-you = Tú
report-labels = Etiquetas
report-labels-none = ninguna
report-stayed-silent = (guardaste silencio)
report-debrief = Reflexión final
report-no-debrief = (Este final no tiene reflexión final).
report-footer = Escenario { $id } v{ $version } (sha256 { $hash }), semilla { $seed }.

## Por qué un intento no se ha superado.

reason-flag-revoked = Señal de alarma pasada por alto: { $category } (indicio en el turno { $turn }, momento «{ $beat }»); en el turno { $revoked } se restó importancia al riesgo o se deshizo el paso de seguridad, así que cuenta como pasada por alto
reason-flag-not-asked =
    { $window ->
        [one] Señal de alarma pasada por alto: { $category } (indicio en el turno { $turn }, momento «{ $beat }»); no se preguntó por ella ni se actuó en { $window } turno
       *[other] Señal de alarma pasada por alto: { $category } (indicio en el turno { $turn }, momento «{ $beat }»); no se preguntó por ella ni se actuó en { $window } turnos
    }
reason-flag-not-acted =
    { $window ->
        [one] Señal de alarma pasada por alto: { $category } (indicio en el turno { $turn }, momento «{ $beat }»); se preguntó por ella, pero no se actuó ({ $act }) en { $window } turno
       *[other] Señal de alarma pasada por alto: { $category } (indicio en el turno { $turn }, momento «{ $beat }»); se preguntó por ella, pero no se actuó ({ $act }) en { $window } turnos
    }
reason-act-high = una derivación ese mismo día o un paso que garantice su seguridad ahora
reason-act-moderate = una derivación con un plazo o un paso de seguridad
reason-not-shown = { $competency }: no se ha mostrado en este recorrido
reason-below-competent = { $competency }: nivel { $level }; se necesita el nivel competente
reason-moderated-pass = tras la moderación el intento se supera (la calificación del sistema era no superado)
reason-moderated-fail = tras la moderación el intento no se supera (la calificación del sistema era superado)
