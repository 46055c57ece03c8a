# Nombres en las exportaciones (xAPI, Open Badges), en español de España.

xapi-verb-completed = completó
xapi-verb-passed = superó
xapi-verb-failed = no superó
xapi-verb-satisfied = cumplió
xapi-verb-observed = fue observado en
xapi-observed-role-play = Role-play observado con una persona real
xapi-certification = Certificación de apoyo entre iguales a segundas víctimas
ob-achievement-name = Apoyo entre iguales a segundas víctimas
ob-achievement-description = Certificación para dar apoyo entre iguales a profesionales sanitarios que son segundas víctimas, según la política de certificación { $policy } de Rehearse.
