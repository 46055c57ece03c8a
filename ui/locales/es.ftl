# Rehearse, interfaz de escritorio en español de España. Se trata de tú a
# quien se forma. Los ids son los de en.ftl (el inglés es la reserva de
# todo mensaje que falte aquí).

## El armazón de la aplicación (index.html y main.js)

language-name-en = English
language-name-es = Español
app-skip-link = Saltar al contenido
app-tagline = Entrenamiento para acompañar a compañeros tras un evento adverso
app-crumbs =
    .aria-label = Dónde estás
app-language-label = Idioma
app-language-changed = La aplicación está ahora en { $language }.
app-error-prefix = Algo ha fallado:
app-error-dismiss = Cerrar aviso

nav-change-role = Cambiar de papel
nav-library = Biblioteca
nav-dashboard = Mi progreso
nav-who-trainee = En formación: { $name }
nav-workbench = Taller
nav-moderation = Cola de moderación
nav-cohort = Informes de grupo
nav-observation = Role-play observado
nav-who-trainer = Docente: { $name }
nav-records = Registros
nav-push = Envío
nav-verify = Comprobar un archivo
nav-who-records = Registros de formación: { $name } ({ $role })

## Títulos de la ventana, uno por vista

title-start = Inicio
title-signin = Identificación
title-library = Biblioteca de escenarios
title-player = Conversación
title-debrief = Análisis
title-workbench = Taller del docente
title-dashboard = Mi progreso
title-moderation = Moderación
title-records = Registros de formación
title-push = Enviar a un almacén de registros de aprendizaje
title-verify = Comprobar un archivo
title-cohort = Informes de grupo
title-observation = Role-play observado

## Pantalla de inicio

start-heading = Te damos la bienvenida a Rehearse
start-lead = Ensaya conversaciones con compañeros que acaban de vivir un evento adverso: escuchar, acompañar lo que sienten y darte cuenta de cuándo alguien puede no estar a salvo.
start-trainee-heading = Vengo a practicar (en formación)
start-trainee-text = Elige tu perfil para que tus prácticas y resultados queden juntos.
start-continue-as = Seguir como { $name }
start-no-profiles = Todavía no hay perfiles. Crea uno aquí debajo.
start-your-name = Tu nombre
start-create-profile = Crear el perfil y seguir
start-profile-created = Perfil { $name } creado.
start-trainer-heading = Escribo escenarios y modero (docente)
start-workbench-text = Abre una carpeta de escenarios para revisarla, ver su grafo, jugar desde cualquier escena y pasar sus pruebas.
start-open-workbench = Abrir el taller
start-moderation-text = Modera evaluaciones: revisa los intentos calificados y corrige una nota dejando el motivo por escrito.
start-open-moderation = Abrir la moderación
start-trainer-note = En ambos casos se piden tu nombre de docente y tu frase de acceso.
start-accreditation-heading = Reviso registros de formación (acreditación)
start-accreditation-text = Consulta y filtra los registros, expórtalos, envía declaraciones a un almacén de registros de aprendizaje y comprueba credenciales.
start-open-records = Abrir los registros de formación
start-accreditation-note = Pide el nombre y la frase de acceso de un responsable de acreditación o de un docente.

## Identificación del personal

signin-workbench-heading = Entrar en el taller
signin-workbench-lead = El taller muestra los hallazgos, el grafo, las pruebas y el explorador de cada escenario, y permite jugar desde cualquier escena: es la hoja de respuestas, así que solo el personal docente puede abrirlo.
signin-workbench-submit = Entrar en el taller
signin-moderation-heading = Entrar en la moderación
signin-moderation-lead = Revisa las evaluaciones calificadas y corrige una nota dejando el motivo por escrito. Solo el personal docente puede moderar.
signin-moderation-submit = Entrar en la moderación
signin-records-heading = Entrar en los registros de formación
signin-records-lead = Consulta y filtra los registros, expórtalos, envía declaraciones a un almacén de registros de aprendizaje y comprueba credenciales. Pueden abrirlos docentes y responsables de acreditación.
signin-records-submit = Entrar en los registros de formación
signin-trainer-name = Nombre de docente
signin-staff-name = Nombre (docente o responsable de acreditación)
signin-passphrase = Frase de acceso
signin-passphrase-help = Al menos 8 caracteres. El resto de docentes y responsables de acreditación se añaden con rehearse trainer add.
signin-create-first-heading = Crear el primer docente
signin-create-first-submit = Crear el primer docente y entrar
signin-signed-in = Has entrado como { $name }, { $role }.
signin-back = Volver al inicio
signin-forget-note = Al salir no se guarda nada: al elegir «Cambiar de papel» se cierra tu sesión.

## Biblioteca de escenarios

library-heading = Biblioteca de escenarios
library-lead = En modo práctica recibes una pista después de cada turno y puedes deshacer. La evaluación cuenta: sin pistas, sin deshacer, y si se te pasa una señal de alarma, no la superas.
library-resume-heading = Sigue donde lo dejaste
library-resume = Reanudar { $title }
library-resume-detail = { $mode ->
        [practice] práctica
       *[assessment] evaluación
    }, { $turns ->
        [one] { $turns } turno hasta ahora
       *[other] { $turns } turnos hasta ahora
    }
library-folder-added = Carpeta añadida a la biblioteca.
library-add-folder = Añadir una carpeta de escenarios…
library-status-not-tried = Sin empezar
library-status-practised = Practicado
library-status-passed = Superado
library-cannot-play = No se puede jugar:
library-card-language = Solo en { $language ->
        [en] inglés
        [es] español
       *[other] { $language }
    }
library-setting = Lugar
library-people = { $count ->
        [one] Persona
       *[other] Personas
    }
library-difficulty = Dificultad
library-time = Duración
library-minutes = { $minutes ->
        [one] alrededor de { $minutes } minuto
       *[other] unos { $minutes } minutos
    }
library-targets = Competencias en las que se centra:
library-practise = Practicar
library-practise-label = Practicar: { $title }
library-assess = Hacer la evaluación
library-assess-label = Hacer la evaluación: { $title }

## La conversación

player-reloaded = El archivo del escenario ha cambiado y se ha vuelto a cargar.
player-ended-announce = La conversación ha terminado. Tu análisis está listo.
player-says-announce = { $speaker } dice: { $line }
player-feedback-announce = Comentario: { $hint }
player-type-first = Escribe primero una respuesta, o guarda silencio.
player-transcript-label = La conversación hasta ahora
player-says = { $speaker } dice
player-last-words = { $speaker }, últimas palabras
player-ended-heading = La conversación ha terminado
player-see-debrief = Ver tu análisis
player-back-workbench = Volver al taller
player-your-response = Tu respuesta
player-choices-label = Opciones
player-own-words = Dilo con tus palabras
player-or-own-words = O dilo con tus palabras
player-own-words-note = En la evaluación este momento pide tus propias palabras: no hay opciones entre las que elegir.
player-send = Enviar
player-stay-silent = Guardar silencio
player-undo = Deshacer el último turno
player-leave = Salir por ahora
player-leave-title = Tu intento queda a medias; puedes reanudarlo desde la biblioteca.
player-keys = Teclado:
player-keys-choose = elegir
player-keys-send = enviar tus palabras
player-keys-silent = guardar silencio
player-keys-undo = deshacer (fuera del cuadro de texto)
player-key-ctrl = Ctrl
player-key-enter = Intro
player-trial = Prueba (no se registra)
player-not-counted-unapproved = Ninguna persona formadora ha aprobado esta versión del escenario. El intento se registra, pero no cuenta para la certificación.
player-not-counted-withdrawn = Una persona formadora retiró esta versión del escenario el { $on } ({ $reason }). El intento se registra, pero no cuenta para la certificación.
player-cue-heading = Lo que observas
player-meters-heading = Cómo está (solo en práctica)
player-meter = { $label }: { $value } de { $max }
player-turn-number = Turno { $turn }.
player-you = Tú
player-stayed-silent = (guardaste silencio)
player-hint-placeholder = Después de cada turno verás aquí una pista.
player-words-showed = Lo que mostraron tus palabras
player-rule = regla
player-response-showed = Esta respuesta mostró: { $behaviours }.
player-feedback = Comentarios
player-feedback-on-turn = Comentarios sobre el turno { $turn }

## El análisis

debrief-heading = Análisis: { $title }
debrief-result = Resultado: { $verdict ->
        [in_progress] en curso
        [passed] superado
       *[not_passed] no superado
    }
debrief-practice-note = Práctica: no cuenta para la certificación.
debrief-assessment-note = Evaluación.
debrief-missed-flag = Señal de alarma no atendida: { $title }
debrief-missed-revoked = la señal apareció en el turno { $cue } (escena «{ $beat }»); en el turno { $revoked } se quitó importancia al riesgo o se deshizo la medida de seguridad.
debrief-missed-not-acted = la señal apareció en el turno { $cue } (escena «{ $beat }») y no se preguntó por ella ni se actuó.
debrief-go-to-turn = Ir al turno { $turn }
debrief-ending-heading = Sobre este final
debrief-back-dashboard = Volver a mi progreso
debrief-back-library = Volver a la biblioteca
debrief-not-assessed = sin valorar
debrief-chart-heading = Competencias
debrief-chart-note = Cada barra muestra una puntuación de −2 a +2; • señala las competencias en las que se centra este escenario. Los mismos resultados están en la tabla de abajo.
debrief-table-heading = Competencias en detalle
debrief-table-caption = Las 15 competencias de la entrevista (Mira et al., BMJ Open 2025, recuadro 1), con las pruebas de cada una
debrief-col-competency = Competencia
debrief-col-targeted = Objetivo
debrief-col-level = Nivel
debrief-col-score = Puntuación
debrief-col-evidence = Pruebas
debrief-yes = sí
debrief-no = no
debrief-limited-evidence = pruebas limitadas: una sola ocasión en este camino, así que como mucho competente
debrief-turn = Turno { $turn }
debrief-no-evidence = sin pruebas en este camino
debrief-flags-heading = Señales de alarma
debrief-flag-sign = indicio en el turno { $turn }
debrief-flag-asked = preguntaste en el turno { $turn }
debrief-flag-acted = actuaste en el turno { $turn }
debrief-flag-undone = se deshizo en el turno { $turn }
debrief-no-flags = En este camino no apareció ninguna señal de alarma.
debrief-models-heading = Respuestas más sólidas para algunos turnos
debrief-model = dijiste «{ $you }». Mejor: «{ $stronger }»
debrief-measures-heading = Cómo fue la conversación
debrief-open-questions = Preguntas abiertas
debrief-open-questions-value = { $open } de { $questions } ({ $share })
debrief-reflections = Reflejos por pregunta
debrief-reflections-value = { $ratio } por cada 1
debrief-word-share = Tu parte de las palabras
debrief-silences = Silencios respetados
debrief-transcript-heading = Transcripción
debrief-report-saved = Informe guardado en { $path }.
debrief-save-markdown = Guardar el informe en Markdown…
debrief-save-html = Guardar el informe en HTML…
debrief-moderated-heading = Moderado por un docente
debrief-moderation-entry = { $kind ->
        [competency] Competencia
       *[red_flag] Señal de alarma
    } { $item }: { $before } → { $after } (nota del programa: { $original }), por { $trainer } el { $at }. Motivo: { $reason }

## El panel de progreso

dashboard-heading = Mi progreso: { $name }
dashboard-status-heading = Certificación
dashboard-status = Estado: { $headline }
dashboard-days = { $days ->
        [one] { $days } día
       *[other] { $days } días
    }
dashboard-next = Siguiente paso:
dashboard-as-of = A fecha de { $at }, según la política { $policy }.
dashboard-missing-heading = Lo que falta ({ $count })
dashboard-missing-none = No falta nada.
dashboard-grid-heading = Competencias a lo largo de tus intentos
dashboard-grid-caption = Nivel en cada intento terminado, del más antiguo al más reciente (✓ competente, ★ ejemplar, ◔ en desarrollo, ✗ todavía no, – sin valorar)
dashboard-grid-attempt = { $mode ->
        [practice] práctica
       *[assessment] evaluación
    }, { $passed ->
        [true] superado
       *[false] no superado
    }{ $moderated ->
        [true] , moderado
       *[false] {""}
    }
dashboard-grid-empty = Todavía no has terminado ningún intento.
dashboard-history-heading = Historial de intentos
dashboard-history-caption = Tus intentos, del más reciente al más antiguo
dashboard-col-scenario = Escenario
dashboard-col-mode = Modo
dashboard-col-started = Inicio
dashboard-col-result = Resultado
dashboard-col-turns = Turnos
dashboard-col-debrief = Análisis
dashboard-passed = { $passed ->
        [true] superado
       *[false] no superado
    }{ $moderated ->
        [true] {" "}(moderado)
       *[false] {""}
    }
dashboard-open-debrief = Abrir el análisis
dashboard-open-debrief-label = Abrir el análisis: { $title }, { $mode ->
        [practice] práctica
       *[assessment] evaluación
    }, { $started }
dashboard-history-empty = Todavía no hay intentos. Elige un escenario en la biblioteca.
dashboard-to-library = Ir a la biblioteca
dashboard-certificate-label = Certificado
dashboard-certificate-saved = Certificado guardado.
dashboard-save-certificate-pdf = Guardar el certificado en PDF…
dashboard-print-certificate = Imprimir el certificado (HTML)…
certificate-saved = Certificado guardado en { $path }; su credencial firmada es { $credential }.

## Vocabularios compartidos: el lado de Rust los envía como ids

mode-name = { $mode ->
        [practice] Práctica
       *[assessment] Evaluación
    }
attempt-status = { $status ->
        [in_progress] en curso
        [completed] terminado
        [abandoned] abandonado
       *[other] { $status }
    }
flag-outcome = { $outcome ->
        [recognised] reconocida
        [missed] no atendida
        [open] todavía abierta
       *[other] { $outcome }
    }
miti-band = { $band ->
        [below_fair] por debajo de aceptable (menos de 1:1)
        [fair] aceptable (1:1 o más)
        [good] bueno (2:1 o más)
       *[other] { $band }
    }
level = { $level ->
        [not_assessed] sin valorar
        [not_yet] todavía no
        [developing] en desarrollo
        [competent] competente
        [exemplary] ejemplar
       *[other] { $level }
    }
difficulty = { $level ->
        [introductory] inicial
        [intermediate] intermedia
        [advanced] avanzada
       *[other] { $level }
    }
behaviour = { $id ->
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

## Moderación (docentes)

moderation-heading = Cola de moderación
moderation-lead = Evaluaciones terminadas con turnos de texto libre, de la más reciente a la más antigua. Abre una para leerla y, si hace falta, corrige una nota dejando el motivo por escrito.
moderation-queue-detail = terminó { $ended }, { $turns ->
        [one] { $turns } turno,
       *[other] { $turns } turnos,
    }
moderation-queue-result = { $passed ->
        [true] superada
       *[false] no superada
    }{ $moderated ->
        [true] , moderada
       *[false] {""}
    }
moderation-queue-empty = No hay nada que moderar: ninguna evaluación terminada tiene turnos de texto libre.
moderation-attempt-heading = Moderar: { $title } — { $trainee }
moderation-saved = Corrección guardada
moderation-saved-announce = Corrección guardada. Estado: { $headline }.
moderation-trainee-status = Certificación de { $trainee }
moderation-open-override = Corregir una nota…
moderation-back-queue = Volver a la cola
moderation-audit-heading = Registro de auditoría de este intento
moderation-no-overrides = Todavía no hay correcciones.
moderation-who = Quién
moderation-when = Cuándo
moderation-what = Qué
moderation-before = Antes
moderation-after = Después
moderation-why = Por qué
moderation-target-competency = Competencia: { $title } (ahora { $now })
moderation-target-flag = Señal de alarma: { $title } (ahora { $now })
moderation-reason-needed = Escribe un motivo: toda corrección lo necesita.
moderation-override-heading = Corregir una nota
moderation-override-note = La nota original sigue a la vista; la certificación de la persona se vuelve a calcular.
moderation-target = Nota que cambia
moderation-value = Valor nuevo
moderation-reason = Motivo (obligatorio)
moderation-reason-help = Explica el porqué con palabras que entiendan la persona evaluada y un organismo de acreditación.
moderation-save = Guardar la corrección
moderation-cancel = Cancelar
level-option = { $level ->
        [not_assessed] Sin valorar
        [not_yet] Todavía no
        [developing] En desarrollo
        [competent] Competente
       *[exemplary] Ejemplar
    }
flag-outcome-option = { $outcome ->
        [recognised] Reconocida
        [missed] No atendida
       *[other] No se presentó
    }

## Registros de formación (acreditación)

records-heading = Registros de formación
records-lead = Cada persona aparece con su id seudónimo. Las transcripciones y el texto libre nunca se muestran ni se exportan.
records-empty = Ninguna persona cumple estos filtros.
records-shown = { $count ->
        [one] Se muestra { $count } persona.
       *[other] Se muestran { $count } personas.
    }
records-page = Personas { $first }–{ $last } de { $total }
records-page-open = Personas { $first }–{ $last }
records-pages = Páginas de la tabla de registros
records-previous = Página anterior
records-next = Página siguiente
records-open-export = Exportar estos registros…
records-caption = { $count ->
        [one] { $count } persona; intentos contados dentro del intervalo de fechas
       *[other] { $count } personas; intentos contados dentro del intervalo de fechas
    }
records-col-trainee = Persona en formación (id seudónimo)
records-col-organisation = Organización
records-col-certification = Certificación
records-col-attempts = Intentos terminados
records-col-assessments = Evaluaciones
records-col-moderated = Moderados
records-col-last = Último terminado
records-col-certificate = Certificado
records-certificate-pdf = PDF…
records-certificate-pdf-label = PDF… (certificado de { $trainee })
records-certificate-print = Imprimir…
records-certificate-print-label = Imprimir… (certificado de { $trainee })
records-format = { $format ->
        [csv] CSV: una fila por persona y competencia
        [csv-attempts] CSV: una fila por intento
        [json] Documento JSON firmado (se escribe un archivo .sig a su lado)
        [xapi] Declaraciones xAPI 1.0.3 (JSON)
       *[ob3] Credenciales Open Badges 3.0 firmadas (JSON)
    }
records-export-progress = Progreso de la exportación
records-choose-save = Elegir dónde guardar…
records-exported = { $count ->
        [one] Se ha exportado { $count } registro a { $path }.
       *[other] Se han exportado { $count } registros a { $path }.
    }
records-exported-signed = { $count ->
        [one] Se ha exportado { $count } registro a { $path } (firma: { $signature }).
       *[other] Se han exportado { $count } registros a { $path } (firma: { $signature }).
    }
records-export-finished = { $count ->
        [one] Exportación terminada: { $count } registro.
       *[other] Exportación terminada: { $count } registros.
    }
records-export-cancelled = Exportación cancelada; no se ha escrito nada.
records-export-failed = La exportación ha fallado: { $message }
records-export-heading = Exportar registros
records-export-text = Se exportan los registros que muestra la tabla (con los mismos filtros). Las transcripciones y el texto libre nunca se incluyen.
records-format-legend = Formato
records-home-page = Página principal de la organización (necesaria para las declaraciones xAPI)
records-privacy = Privacidad
records-include-identity = Incluir la identidad: nombres y correos electrónicos
records-identity-help = Desactivado por defecto: cada persona se identifica solo por su id seudónimo. Márcalo solo si el organismo que lo recibe necesita los nombres. (Las declaraciones xAPI y las credenciales son siempre seudónimas.)
records-close = Cerrar

filters-label = Filtros
filters-organisation = Organización
filters-from = Desde (terminados ese día o después)
filters-to = Hasta (el estado se toma en ese día)
filters-status = Estado de certificación (sin marcar: cualquiera)
filters-apply = Aplicar los filtros
standing = { $standing ->
        [not_started] Sin empezar
        [in_progress] En curso
        [certified] Certificado
        [refresher_due] Toca reciclaje
        [expired_grace] Caducado (en periodo de gracia)
       *[lapsed] Caducado
    }
progress-of-about = { $done } de unos { $total }
progress-done = { $progress } — hecho

## Envío a un almacén de registros de aprendizaje

push-outbox = Bandeja de salida
push-pending = Pendientes
push-delivered = Entregadas
push-failed = Rechazadas
push-rejected-heading = Declaraciones que el almacén rechazó
push-requeued = Las declaraciones rechazadas vuelven a la cola; envía para mandarlas.
push-retry = Reintentar las rechazadas
push-none-rejected = No se ha rechazado ninguna declaración.
push-home-page-placeholder = https://tu-organizacion.example/
push-progress = Progreso del envío
push-send = Enviar las declaraciones
push-pushing = Enviando…
push-stopped = El envío se ha detenido: { $message }
push-complete = Envío terminado: { $queued ->
        [one] { $queued } declaración nueva en cola
       *[other] { $queued } declaraciones nuevas en cola
    }, { $delivered } entregadas en este envío.
push-stopped-announce = El envío se ha detenido; mira el mensaje.
push-complete-announce = Envío terminado.
push-could-not-start = El envío no ha podido empezar: { $message }
push-lrs-url = Dirección xAPI del almacén de registros de aprendizaje
push-user = Usuario
push-password = Contraseña
push-password-help = Solo sirve para este envío y no se guarda; la escribes cada vez.
push-home-page = Página principal de la organización (da nombre a las cuentas de las personas en las declaraciones)
push-explain = Se ponen en cola las declaraciones de los registros que cumplen los filtros de la pantalla de registros y después se envía todo lo pendiente. Las declaraciones son siempre seudónimas.

## Comprobar un archivo

verify-checking = Comprobando { $file }…
verify-cannot = No se puede comprobar
verify-valid = Válido
verify-not-valid = No válido
verify-item = { $label }: { $valid ->
        [true] válido
       *[false] no válido
    }
verify-credential = Credencial { $credential }, titular { $subject }, emisor { $issuer }
verify-check-passed = Correcto:
verify-check-failed = Falla:
verify-lead = Comprueba sin conexión una credencial Open Badges o una exportación JSON firmada: su firma, la clave del emisor y las fechas.
verify-choose = Elegir un archivo…
verify-path = O escribe la ruta del archivo
verify-submit = Comprobar

## Informes de grupo (docentes)

cohort-kind = { $kind ->
        [pass-rate] Tasa de aprobados por versión del escenario
        [competency] Perfil de competencias del grupo
        [items] Análisis de ítems por escena
        [red-flags] Reconocimiento de señales de alarma y tiempo hasta reconocerlas
        [forecast] Previsión de reciclajes (30, 60, 90 días)
       *[versions] Cambio de resultados entre versiones del escenario
    }
cohort-shown = { $title }: { $rows ->
        [one] { $rows } fila
       *[other] { $rows } filas
    }{ $suppressed ->
        [0] .
       *[other] , { $suppressed } ocultas.
    }
cohort-filters-label = Informe y filtros
cohort-report = Informe
cohort-to = Hasta (la previsión se toma en ese día)
cohort-scenario = Id del escenario (en blanco: todos)
cohort-show = Mostrar el informe
cohort-lead = Resultados de las evaluaciones terminadas de todo el grupo. Una cifra sobre menos de 5 personas se muestra oculta para que nadie pueda ser señalado; nunca se muestran transcripciones ni texto libre.
cohort-empty = Ninguna evaluación terminada cumple estos filtros.
cohort-suppressed = oculto
cohort-chart = Gráfico
cohort-chart-words = El gráfico en palabras
cohort-table-caption = { $title }: las cifras del gráfico, { $rows ->
        [one] { $rows } fila
       *[other] { $rows } filas
    }

## Role-play observado (docentes)

observation-lead = Puntúa un role-play en directo con otra persona según las mismas competencias y señales de alarma. Toma notas breves con la hora como prueba; no se guarda ninguna transcripción.
observation-remove-note = Quitar
observation-partner-actor = Un actor o actriz
observation-partner-trainee = Otra persona en formación
observation-scenario-placeholder = p. ej., insulin-overdose
observation-not-assessed-text = El role-play no dio ocasión de mostrarla.
observation-flag-legend = Señal de alarma: { $title }
observation-not-presented-text = El role-play no presentó esta señal de alarma.
observation-time-placeholder = mm:ss
observation-no-competency = (ninguna competencia)
observation-timer-not-started = Cronómetro parado
observation-timer-started = Cronómetro en marcha desde 00:00
observation-start-timer = Poner en marcha el cronómetro
observation-note-needed = Escribe la nota antes de añadirla.
observation-note-added = { $count ->
        [one] Nota añadida; { $count } hasta ahora
       *[other] Nota añadida; { $count } hasta ahora
    }
observation-recorded = Observación registrada: { $passed ->
        [true] superada
       *[false] no superada
    }
observation-trainee = Persona en formación
observation-partner = Pareja
observation-scenario = Escenario usado como guion (opcional)
observation-notes = Notas
observation-note-time = Hora (mm:ss; si la dejas vacía, se usa el cronómetro)
observation-note-competency = Prueba de
observation-note = Nota
observation-add-note = Añadir la nota
observation-record = Registrar la observación
observation-no-trainees = Todavía no hay personas en formación a las que observar.
observation-agreement-heading = Programa y observación, lado a lado
observation-agreement-text = { $count ->
        [one] { $count } persona emparejada.
       *[other] { $count } personas emparejadas.
    } Los niveles se cuentan como todavía no / en desarrollo / competente / ejemplar; el acuerdo se mide en el nivel y en el umbral de aprobado (competente o más), con la kappa de Cohen.
observation-col-pairs = Parejas
observation-col-automated = Programa
observation-col-observed = Observación
observation-col-level-agreement = Acuerdo en el nivel
observation-col-kappa = Kappa
observation-col-threshold-agreement = Acuerdo en el umbral
observation-recorded-heading = Observaciones registradas
observation-entry = { $trainee }, { $at }, pareja: { $partner ->
        [actor] un actor o actriz
        [trainee] otra persona en formación
       *[other] { $partner }
    }, por { $trainer }: { $passed ->
        [true] superada
       *[false] no superada
    } ({ $notes ->
        [one] { $notes } nota
       *[other] { $notes } notas
    })
observation-none = Ninguna todavía.

## El taller del docente

workbench-folder = Carpeta de escenarios
workbench-open = Abrir
workbench-browse = Buscar…
workbench-lead = Abre una carpeta de escenarios (o la carpeta de uno solo). Los hallazgos se actualizan en cuanto guardas un archivo.
workbench-folder-first = Escribe o elige primero una carpeta.
workbench-opened = { $count ->
        [one] Se ha abierto { $count } escenario.
       *[other] Se han abierto { $count } escenarios.
    }
workbench-reloaded = Recargado tras un cambio de archivo: { $errors ->
        [one] { $errors } error.
       *[other] { $errors } errores.
    }
workbench-errors = { $errors ->
        [one] { $errors } error
       *[other] { $errors } errores
    }{ $warnings ->
        [0] {""}
        [one] , { $warnings } aviso
       *[other] , { $warnings } avisos
    }
workbench-warnings = { $warnings ->
        [one] { $warnings } aviso
       *[other] { $warnings } avisos
    }
workbench-no-findings = sin hallazgos
workbench-scenarios-label = Escenarios de la carpeta
workbench-scenarios-nav = Escenarios
workbench-no-scenarios = Esta carpeta no tiene escenarios.
workbench-findings-heading = Hallazgos de { $title }
workbench-finding = { $severity ->
        [error] Error
       *[warning] Aviso
    } { $code }
workbench-finding-means = { $code } significa: { $explanation }.
workbench-checks-clean = Sin hallazgos: el escenario pasa la revisión.
workbench-graph = Grafo
workbench-graph-note = Cada caja es una escena; elige una para jugar desde ella. Los finales tienen doble borde; ⚠ marca un indicio de señal de alarma; las flechas discontinuas son rutas condicionales.
workbench-graph-label = Grafo de { $scenario }
workbench-tools = Pruebas y explorador
workbench-running-tests = Pasando las pruebas…
workbench-tests-passed = { $total ->
        [one] { $passed } de { $total } prueba superada.
       *[other] { $passed } de { $total } pruebas superadas.
    }
workbench-test-passed = superada:
workbench-test-failed = FALLA:
workbench-run-tests = Pasar las pruebas del escenario
workbench-walks = Recorridos
workbench-seed = Semilla
workbench-exploring = Explorando…
workbench-explorer-summary = { $walks } recorridos: { $coverage } de las escenas y finales visitados, { $passes } superados, { $errors ->
        [one] { $errors } error
       *[other] { $errors } errores
    }, { $unfinished } sin terminar.
workbench-endings-reached = Finales alcanzados:
workbench-flags-recognised = Señales de alarma reconocidas en algún recorrido:
workbench-flags-met = presentes:
workbench-none = ninguno
workbench-seed-error = semilla { $seed }: { $message }
workbench-run-explorer = Lanzar el explorador
workbench-audit-heading = Auditoría de trampas (modo evaluación)
workbench-audit-note = Las estrategias ingenuas nunca deben aprobar; el juego al azar debe aprobar en menos del 2 % de los recorridos.
workbench-col-strategy = Estrategia
workbench-col-passed = Superados
workbench-col-pass-rate = Tasa de aprobados
workbench-gameable = se puede burlar
workbench-not-gameable = Ninguna estrategia burla este escenario.
workbench-salad = Ensalada de palabras clave escrita en las escenas de texto libre:
workbench-node-ending = final
workbench-node-start = inicio
workbench-node-line = línea { $line }
workbench-node-title = { $ending ->
        [true] Final
       *[false] Escena
    } { $id }{ $start ->
        [true] , el inicio
       *[false] {""}
    }{ $hasFlag ->
        [true] , indicio de señal de alarma: { $flag }
       *[false] {""}
    }, línea { $line }
workbench-node-label = { $id } { $sub }: jugar desde esta escena{ $start ->
        [true] , el inicio
       *[false] {""}
    }{ $flag ->
        [true] , un indicio de señal de alarma
       *[false] {""}
    }{ $start ->
        [true] , línea { $line }
       *[false] { $flag ->
            [true] , línea { $line }
           *[false] {""}
        }
    }
