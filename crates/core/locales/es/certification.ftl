# Textos del estado de certificación, en español de España (se tutea).

## Titulares.

status-not-started = sin empezar
status-in-progress = en curso
status-certified-until = certificación vigente hasta el { $date }
status-certified = certificación vigente
status-refresher-due = toca reciclaje
status-expired-grace = caducada (en periodo de gracia)
status-lapsed = extinguida

## Lo que aún falta.

missing-distinct-scenarios = evaluaciones superadas en { $needed } escenarios distintos (llevas { $have })
missing-competency = { $title } con nivel competente o superior en { $needed } evaluaciones superadas (llevas { $have })
missing-red-flag = { $title } reconocida en una evaluación superada
missing-refresher-passes = { $needed } evaluaciones superadas dentro del periodo de reciclaje (llevas { $have })
missing-refresher-red-flag =
    { $needed ->
        [one] { $needed } evaluación de reciclaje con una señal de alarma reconocida (llevas { $have })
       *[other] { $needed } evaluaciones de reciclaje con una señal de alarma reconocida (llevas { $have })
    }
missing-refresher-distinct-scenarios = evaluaciones de reciclaje superadas en { $needed } escenarios distintos (llevas { $have }; superar otra vez el mismo escenario no cuenta dos veces)
missing-observed =
    { $needed ->
        [one] { $needed } evaluación de role-play observada por una persona formadora, con todas las competencias puntuadas en nivel { $level } o superior y sin ninguna señal de alarma pasada por alto (llevas { $have })
       *[other] { $needed } evaluaciones de role-play observadas por una persona formadora, con todas las competencias puntuadas en nivel { $level } o superior y sin ninguna señal de alarma pasada por alto (llevas { $have })
    }
missing-refresher-content = superar un contenido de reciclaje: { $scenarios }
# Une las alternativas de missing-refresher-content.
list-or = o

## Evaluaciones superadas que no cuentan por la versión del escenario.

uncounted-one-pass = la evaluación superada el { $date }
uncounted-passes = { $count } evaluaciones superadas (la última el { $date })
uncounted-withdrawn = { $scenario } (versión { $version }): { $passes } ya no cuenta; esta versión se retiró el { $on } ({ $by }): «{ $reason }». Vuelve a superar { $scenario } en una versión aprobada
uncounted-unapproved = { $scenario } (versión { $version }): { $passes } aún no cuenta; esta versión no está aprobada (una persona formadora la aprueba con `rehearse catalogue approve`)
uncounted-approved = { $scenario } (versión { $version }): { $passes } cuenta

## Cuentas atrás.

countdown-when =
    { $days ->
        [0] hoy
        [1] mañana
       *[other] dentro de { $days } días
    }
countdown-refresher-window = el periodo de reciclaje se abre { $when } (el { $date })
countdown-expiry = la certificación caduca { $when } (es válida hasta el { $date })
countdown-grace-end = el periodo de gracia termina { $when } (último día: { $date }); después la certificación se extingue

## La siguiente acción.

next-action-not-started = Juega un escenario en modo evaluación; los intentos de práctica te ayudan a prepararte, pero nunca cuentan para la certificación.
next-action-in-progress =
    { $count ->
        [one] Sigue superando evaluaciones; aún falta 1 requisito: { $first }.
       *[other] Sigue superando evaluaciones; aún faltan { $count } requisitos, empezando por: { $first }.
    }
next-action-certified = Ahora no tienes nada pendiente; el periodo de reciclaje se abre el { $date }.
next-action-refresher-due = Renueva antes del { $expires } (caducidad) con evaluaciones de reciclaje: { $missing }.
next-action-expired-grace = La certificación caducó el { $expires }; renuévala antes del { $grace } (fin del periodo de gracia) con evaluaciones de reciclaje: { $missing }.
next-action-lapsed = La certificación se extinguió tras el { $grace }; hay que volver a obtener la certificación completa, empezando por: { $first }.
next-action-reassess = Vuelve a evaluarte en { $scenarios }: la versión del escenario que superaste se retiró, así que esa evaluación ya no cuenta.
