# Los textos de la línea de órdenes, en español de España (se tutea).


## rehearse play

cli-play-heading = { $title } ({ $mode }, semilla { $seed })
cli-play-silence = /silence para guardar silencio
cli-play-own-words = escribe con tus propias palabras ({ $prompt })
cli-play-or-own-words = o escribe con tus propias palabras ({ $prompt })
cli-play-undo = /undo para deshacer
cli-play-hint = pista: { $hint }
cli-play-input-ended = (la entrada terminó antes que la conversación; el intento queda incompleto)
cli-play-input-ended-saved = (la entrada terminó antes que la conversación; el intento queda incompleto, pero está guardado y se reanudará la próxima vez que juegues este escenario)
cli-play-resuming = Se reanuda el intento { $attempt } de { $trainee } (modo { $mode }, semilla { $seed }): había { $saved } turno(s) guardado(s); se continúa en el turno { $next }.
cli-play-keeps-mode = (el intento guardado conserva su modo y su semilla; termínalo antes de empezar otro)
cli-play-recording = Se registra el intento { $attempt } de { $trainee } en { $path }.
cli-play-not-approved = no está aprobada por una persona formadora
cli-play-withdrawn = se retiró el { $on } ({ $reason })
cli-play-does-not-count = esta versión de { $scenario } { $why }: el intento se registra, pero no cuenta para la certificación (`rehearse catalogue list`)
cli-play-saved = El intento { $attempt } está guardado. Estado de la certificación: { $status }.
cli-play-at-needs-trainee = --at fecha un intento registrado; úsalo junto con --trainee
cli-play-line-not-utf8 = la línea { $line } de la entrada no es texto UTF-8 válido: { $error }
cli-play-input-line = línea { $line } de la entrada: { $error }

## rehearse list

cli-list-none = No se ha encontrado ningún escenario. Incluidos: { $bundled }; carpeta del usuario: { $user }
cli-list-heading = { $id } v{ $version } [{ $origin }]: { $title }
cli-list-details = { $setting } · { $minutes } min · { $difficulty } · { $personas }
cli-list-targets = objetivos: { $targets }
cli-list-cannot-load = { $path } [{ $origin }]: no se puede cargar
cli-list-problem = problema: { $problem }

## rehearse status

cli-status-on = fecha:     { $date } (política { $policy })
cli-status-expiry = caducidad: { $expires }; reciclaje desde el { $opens }; periodo de gracia hasta el { $grace }
cli-status-missing = aún falta:
cli-status-reassessment = hay que volver a evaluarse:
cli-status-awaiting = no cuentan (versión del escenario sin aprobar):
cli-status-next = siguiente: { $action }

## rehearse attempts

cli-attempts-none = { $trainee } aún no tiene intentos
cli-attempts-passed = superado
cli-attempts-not-passed = no superado
cli-attempts-moderated = (moderado)
cli-attempts-unapproved = (versión del escenario sin aprobar: no cuenta)
cli-attempts-withdrawn = (versión del escenario retirada el { $on }: ya no cuenta)
cli-attempts-turns = turno(s)
