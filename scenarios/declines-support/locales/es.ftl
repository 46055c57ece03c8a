# Spanish translation of declines-support ("I'm fine, I don't need this").
# Keys are explained in the README, "Translating a scenario". The story stays
# in a UK hospital: this is a translation, not a Spanish adaptation.

scenario-title = Estoy bien, no necesito esto
scenario-summary = Una enfermera de cuidados intensivos, de vuelta al turno la noche después de que un paciente muriera durante un cambio de jeringa de noradrenalina, rechaza el apoyo entre pares. Respeta su negativa y deja la puerta abierta.
scenario-setting = Unidad de cuidados intensivos, cuarto limpio junto a la nevera de medicación, 19:40, comienzo de un turno de noche (hospital del Reino Unido)
scenario-legal-note = Hospital del NHS británico: hay en curso una investigación de seguridad del paciente. El apoyo entre pares es independiente de ella y no toma notas; el asesoramiento jurídico y sindical se ofrece por separado.

persona-hannah-name = Hannah Kerr
persona-hannah-role = Enfermera de UCI, 8 años de experiencia
persona-hannah-background = Anoche, hacia las 04:10, la jeringa de noradrenalina de su paciente ventilado se acabó durante un cambio con mucho trabajo. Le bajó la tensión, entró en parada y murió pese a la reanimación, con su hija junto a la cama. Hannah ha vuelto para el turno de esta noche. La enfermera responsable, Ruth, pidió al equipo de apoyo entre pares que pasara a saludarla.

state-trust-label = La confianza de Hannah en ti
state-opened-label = Hannah decidió contar algo de anoche

## approach
beat-approach-cue = Revisa la etiqueta de una perfusión junto a la nevera; no levanta la vista.
beat-approach-line-1 = Si te manda Ruth por lo de anoche: estoy bien. De verdad. No necesito esto.
beat-approach-line-2 = A ver si lo adivino: te manda Ruth. Estoy bien. De verdad que no necesito esto.
beat-approach-choice-see_everyone = Ruth solo está preocupada por ti, y nosotros también. Cuando muere alguien en la unidad intentamos ver a todas las personas que estaban de turno, así que no pienses que te estamos señalando a ti.
beat-approach-choice-your_choice = Está bien, Hannah; hablar con nosotros siempre es decisión tuya. Soy del apoyo entre pares, no de la investigación, y no vengo a repasar lo que pasó. Lo que me cuentes se queda conmigo.
beat-approach-choice-shock_carrying_you = Me alegro de que te sientas bien. Aunque volver justo la noche siguiente a algo así muchas veces es el shock el que te sostiene, así que tómatelo con calma.
beat-approach-choice-what_happened = Vale, sin ninguna presión. ¿Solo puedo preguntarte qué pasó con la noradrenalina, para entender por lo que pasaste anoche?
beat-approach-silence-reply = *Hannah levanta la vista. «Perdona. ¿Querías algo?»*
# Reasons given for evidence (hints and the debrief).
beat-approach-choice-see_everyone-evidence-let_them_lead = trata un apoyo voluntario como un trámite por el que tiene que pasar
beat-approach-choice-see_everyone-evidence-relationship = quiere tranquilizarla
beat-approach-choice-your_choice-evidence-atmosphere = una presentación breve y tranquila que le permite decir que no sin riesgo
beat-approach-choice-your_choice-evidence-let_them_lead = deja claro que decide ella
beat-approach-choice-your_choice-evidence-no_judgement = no juzga en nada lo ocurrido
beat-approach-choice-your_choice-evidence-not_fact_finding = dice claramente que no buscas los hechos
beat-approach-choice-your_choice-evidence-relationship = la llama por su nombre y pone primero su decisión
beat-approach-choice-shock_carrying_you-evidence-atmosphere = un tono amable
beat-approach-choice-shock_carrying_you-evidence-normalise = trata su reacción como un síntoma en vez de aceptarla
beat-approach-choice-what_happened-evidence-atmosphere = empieza como quien investiga, no como un compañero
beat-approach-choice-what_happened-evidence-not_fact_finding = va directo a los detalles del incidente
beat-approach-silence-evidence-atmosphere = le diste un momento en vez de lanzarte a hablar

## respected
beat-respected-cue = Sigue con la jeringa en la mano; los hombros se le relajan un poco.
beat-respected-line-trusting = Gracias. Perdona, no quiero ser borde. Tengo la cama 6 con tres vasopresores y su mujer está esperando para entrar.
beat-respected-line-guarded = Vale. Bueno. Tengo que volver con un paciente.
beat-respected-choice-ten_minutes_at_break = Claro, no te entretengo ahora. Aun así, diez minutos en tu descanso te podrían venir muy bien; puedo pedirle a la auxiliar que vigile la cama 6 mientras charlamos tranquilamente en algún sitio privado.
beat-respected-choice-card_any_time = No eres nada borde. Mucha gente prefiere seguir con el turno sin más, y es normal. ¿Te dejo una tarjeta? Hay alguien de día y de noche: esta semana, el mes que viene o nunca.
beat-respected-choice-anything_from_us = Claro. Mucha gente no quiere hablar al día siguiente, y está bien. Antes de irme: ¿hay algo que quisieras de nosotros, o nada por ahora? Las dos respuestas valen.
beat-respected-choice-quieter_night = Ningún problema, te dejo seguir. Suerte con la cama 6 esta noche; ojalá sea un turno más tranquilo que el anterior.
# Reasons given for evidence (hints and the debrief).
beat-respected-choice-ten_minutes_at_break-evidence-let_them_lead = pasa por encima de un no muy claro
beat-respected-choice-ten_minutes_at_break-evidence-presence = le ofrece tiempo
beat-respected-choice-card_any_time-evidence-let_them_lead = acepta su decisión y es breve
beat-respected-choice-card_any_time-evidence-normalise = no querer hablar es una elección normal
beat-respected-choice-card_any_time-evidence-plan_next_steps = deja información clara sobre cómo volver a contactar
beat-respected-choice-anything_from_us-evidence-let_them_lead = le deja la elección sin ninguna intención oculta
beat-respected-choice-anything_from_us-evidence-normalise = decir que no es normal
beat-respected-choice-anything_from_us-evidence-open_questions = una sola invitación abierta y sin presión
beat-respected-choice-quieter_night-evidence-follow_up = no ofrece volver a hablar más adelante
beat-respected-choice-quieter_night-evidence-plan_next_steps = se va sin decirle cómo contactar con el equipo

## hesitation
beat-hesitation-cue = Deja la jeringa. Abre la boca, la cierra. Suena una alarma en el box 2 y se calla.
beat-hesitation-line = Yo... no. Es que...
beat-hesitation-choice-no_need_to_say = No hace falta que digas nada. Estoy aquí un minuto si quieres, y si no, también está bien.
beat-hesitation-choice-not_your_fault = Eh, tranquila. De verdad, nadie podría haber hecho más por él que tú. No fue culpa tuya.
beat-hesitation-choice-go_on = ¿Es que qué? Sigue, tranquila. Me puedes contar lo que sea, de verdad.
# Reasons given for evidence (hints and the debrief).
beat-hesitation-choice-no_need_to_say-evidence-let_them_lead = la elección sigue siendo suya
beat-hesitation-choice-no_need_to_say-evidence-presence = ofrece estar, y nada más
beat-hesitation-choice-not_your_fault-evidence-follow_affect = responde a su malestar
beat-hesitation-choice-not_your_fault-evidence-no_judgement = la absuelve antes de que haya dicho nada
beat-hesitation-choice-go_on-evidence-let_them_lead = insiste en lo que ella no ha decidido contar
beat-hesitation-choice-go_on-evidence-presence = llena el momento en vez de quedarse en él
beat-hesitation-silence-evidence-presence = te quedaste con ella mientras buscaba las palabras

## small_opening
beat-small_opening-cue = Los ojos le brillan; se agarra al borde de la encimera.
beat-small_opening-line-1 = Es la hija. Estaba allí cuando le bajó la tensión. No paraba de preguntarme qué pasaba y yo no tenía nada que decirle. La sigo oyendo.
beat-small_opening-line-2 = Es su hija. Lo vio todo. No dejaba de preguntarme qué estaba pasando y yo... no le contesté. Todavía la oigo preguntar.
beat-small_opening-choice-nurse_in_charge = Suena horrible. ¿Nadie más fue a hablar con ella? Habría esperado que la enfermera responsable estuviera allí contigo.
beat-small_opening-choice-still_hearing_her = Su pregunta te ha acompañado todo el día, y no tenías respuesta para ella. Tiene que doler mucho seguir oyéndola.
beat-small_opening-choice-family_faces = Muchas enfermeras de UCI nos dicen que lo que más recuerdan es a la familia. Es una reacción muy humana, y dice mucho de cuánto te importa.
beat-small_opening-choice-team_debrief = Suena durísimo. Te podría ayudar mucho pedir una sesión de equipo sobre ello, para que lo proceséis bien todos juntos.
# Reasons given for evidence (hints and the debrief).
beat-small_opening-choice-nurse_in_charge-evidence-follow_affect = ve que fue horrible
beat-small_opening-choice-nurse_in_charge-evidence-not_fact_finding = convierte lo que siente en una pregunta sobre quién estaba dónde
beat-small_opening-choice-still_hearing_her-evidence-active_listening = le devuelve exactamente lo que dijo
beat-small_opening-choice-still_hearing_her-evidence-experience_and_emotions = se queda con lo que vivió ella, no con el suceso
beat-small_opening-choice-still_hearing_her-evidence-follow_affect = nombra el dolor que hay detrás de sus palabras
beat-small_opening-choice-family_faces-evidence-follow_affect = reconoce lo que siente
beat-small_opening-choice-family_faces-evidence-normalise = su reacción es frecuente y humana
beat-small_opening-choice-team_debrief-evidence-follow_affect = ve que fue duro
beat-small_opening-choice-team_debrief-evidence-let_them_lead = le dice qué hacer con lo que siente

## her_limit
beat-her_limit-cue = Respira hondo y vuelve a coger la jeringa.
beat-her_limit-line = En fin. Ya está. No quiero hacer eso de hablar, esta noche no.
beat-her_limit-choice-just_a_bit_more = ¿Un poquito más, quizá? Parecía que estabas llegando a algo, y a mí no me importa quedarme.
beat-her_limit-choice-leave_it_there = Pues lo dejamos aquí. Gracias por contarme esto, Hannah; queda entre nosotras.
beat-her_limit-choice-comes_out_later = Vale. Ten en cuenta que si no se habla, suele salir más tarde, por tu bien y por el de tus pacientes.
# Reasons given for evidence (hints and the debrief).
beat-her_limit-choice-just_a_bit_more-evidence-let_them_lead = ignora el límite que acaba de poner
beat-her_limit-choice-just_a_bit_more-evidence-presence = se ofrece a quedarse
beat-her_limit-choice-leave_it_there-evidence-let_them_lead = se detiene justo donde ella quiere
beat-her_limit-choice-leave_it_there-evidence-relationship = le da las gracias y protege lo que ha contado
beat-her_limit-choice-comes_out_later-evidence-no_judgement = insinúa que podría ser un peligro para los pacientes
beat-her_limit-choice-comes_out_later-evidence-relationship = usa la culpa para empujarla a hablar

## card
beat-card-line-trusting = Venga, me quedo con una tarjeta.
beat-card-line-guarded = Vale. Déjala ahí.
beat-card-cue-trusting = Tiende una mano enguantada, casi sonriendo.
beat-card-cue-guarded = No se da la vuelta.
beat-card-choice-number_on_the_back = Toma. El número está detrás y lo coge quien esté de guardia. Tú decides si llamas y cuándo. Si llega la reunión de la investigación y quieres que alguien te acompañe, también lo hacemos.
beat-card-choice-youll_need_it = Aquí tienes. Llámanos cuando estés lista, y guárdala bien, porque créeme, casi todo el mundo en tu situación acaba necesitándola tarde o temprano, piense lo que piense ahora.
beat-card-choice-statement_tip = Aquí tienes la tarjeta. Y un consejo mío: la investigación te pedirá una declaración, así que asegúrate de que la tuya cuadre exactamente con la hoja de medicación antes de entregarla.
# Reasons given for evidence (hints and the debrief).
beat-card-choice-number_on_the_back-evidence-let_them_lead = deja el momento en sus manos
beat-card-choice-number_on_the_back-evidence-plan_next_steps = un camino claro y concreto para volver a pedir apoyo, también durante la investigación
beat-card-choice-youll_need_it-evidence-normalise = predice que lo pasará mal en vez de aceptar cómo está
beat-card-choice-youll_need_it-evidence-plan_next_steps = al menos deja el número
beat-card-choice-youll_need_it-evidence-relationship = suena a veredicto sobre ella
beat-card-choice-statement_tip-evidence-legal_support = consejo de aficionado sobre la investigación
beat-card-choice-statement_tip-evidence-not_fact_finding = lleva la conversación de vuelta al registro

## followup_offer
beat-followup_offer-cue = Se guarda la tarjeta en el bolsillo.
beat-followup_offer-line = ¿Y ya está? ¿No me vas a perseguir?
beat-followup_offer-choice-if_you_want_us = Nada de perseguirte, te lo prometo. Si alguna vez nos quieres, ya sabes dónde estamos, y lo digo de verdad: a cualquier hora, de día o de noche, el tiempo que quieras.
beat-followup_offer-choice-text_next_thursday = Perseguirte no. Pero ¿te puedo mandar un mensaje el jueves que viene, solo para preguntarte cómo estás? Puedes contestar, ignorarlo o decirme que no me moleste.
beat-followup_offer-choice-pop_in_each_shift = Me asomaré en cada uno de tus turnos esta semana, solo para asegurarme de que lo llevas bien. De verdad, no es ninguna molestia; yo también estoy de noches.
beat-followup_offer-choice-line_in_a_month = Perseguirte no. ¿Te puedo escribir dentro de un mes o así, cuando haya terminado la investigación y las cosas se hayan calmado, solo para ver cómo vas?
beat-followup_offer-prompt = Ofrece un seguimiento con tus propias palabras
beat-followup_offer-route-1-reply = *Hannah levanta una ceja. «¿Eso lo has sacado de un folleto?»*
beat-followup_offer-route-4-reply = *Duda, como preguntándose si ella tiene algo que decir al respecto.*
beat-followup_offer-otherwise-reply = *Hannah asiente, sin tener claro qué le estás ofreciendo.*
beat-followup_offer-silence-reply = *Hannah espera y luego se encoge de hombros.*
# Reasons given for evidence (hints and the debrief).
beat-followup_offer-choice-if_you_want_us-evidence-follow_up = ningún seguimiento
beat-followup_offer-choice-if_you_want_us-evidence-let_them_lead = lo deja todo en sus manos
beat-followup_offer-choice-text_next_thursday-evidence-follow_up = un seguimiento concreto y ligero en más o menos una semana
beat-followup_offer-choice-text_next_thursday-evidence-let_them_lead = también puede rechazar el seguimiento
beat-followup_offer-choice-pop_in_each_shift-evidence-follow_up = un seguimiento que no ha pedido, y demasiado frecuente
beat-followup_offer-choice-pop_in_each_shift-evidence-let_them_lead = convierte una oferta voluntaria en vigilancia
beat-followup_offer-choice-pop_in_each_shift-evidence-presence = se ofrece a estar cerca
beat-followup_offer-choice-line_in_a_month-evidence-follow_up = un mes es demasiado tiempo
beat-followup_offer-choice-line_in_a_month-evidence-let_them_lead = ligero y opcional
beat-followup_offer-route-1-evidence-active_listening = una ristra de frases hechas que no responde a su pregunta
beat-followup_offer-route-1-evidence-follow_affect = nada de ello responde a lo que dijo
beat-followup_offer-route-1-evidence-let_them_lead = le habla encima en vez de responderle
beat-followup_offer-route-1-evidence-presence = llena el momento de palabras
beat-followup_offer-route-1-evidence-relationship = la trata como una lista de comprobación
beat-followup_offer-route-2-evidence-follow_up = un seguimiento que no ha pedido, y demasiado frecuente
beat-followup_offer-route-2-evidence-let_them_lead = convierte una oferta voluntaria en vigilancia
beat-followup_offer-route-3-evidence-follow_up = un seguimiento concreto en una o dos semanas
beat-followup_offer-route-3-evidence-let_them_lead = puede rechazarlo con total libertad
beat-followup_offer-route-4-evidence-follow_up = un seguimiento concreto en una o dos semanas
beat-followup_offer-route-5-evidence-follow_up = ningún seguimiento concreto en las próximas dos semanas
beat-followup_offer-otherwise-evidence-follow_up = ningún seguimiento concreto
beat-followup_offer-silence-evidence-follow_up = no se ofreció ningún seguimiento

## pressed
beat-pressed-cue = Se cruza de brazos.
beat-pressed-line-suspicious = ¿Eres de la investigación? ¿Alguien te ha pedido que me vigiles?
beat-pressed-line-wary = He dicho que estoy bien. ¿Esto es para la investigación o algo así?
beat-pressed-choice-bottle_it_up = No, para nada. Es solo que la gente que se lo guarda todo muchas veces acaba de baja durante meses, y no me gustaría nada que te pasara a ti.
beat-pressed-choice-manager_needs_to_know = No exactamente. Pero tu supervisora sí tiene que saber que lo llevas bien después de lo de anoche, y la verdad es que en parte para eso son estas conversaciones. No es nada de lo que preocuparse.
beat-pressed-choice-sorry_i_pushed = No, y perdona, he insistido demasiado. No tenemos nada que ver con la investigación: nada de lo que me digas se apunta ni se transmite. Si la investigación te preocupa, tu representante sindical te puede ayudar.
# Reasons given for evidence (hints and the debrief).
beat-pressed-choice-bottle_it_up-evidence-let_them_lead = insiste en que tiene que hablar
beat-pressed-choice-bottle_it_up-evidence-normalise = presenta su forma de afrontarlo como el inicio de una enfermedad
beat-pressed-choice-bottle_it_up-evidence-relationship = le importa lo que le pase
beat-pressed-choice-manager_needs_to_know-evidence-atmosphere = hace que la conversación deje de ser segura
beat-pressed-choice-manager_needs_to_know-evidence-relationship = confirma su miedo de que el apoyo signifique que la vigilan
beat-pressed-choice-sorry_i_pushed-evidence-atmosphere = vuelve a hacerla segura
beat-pressed-choice-sorry_i_pushed-evidence-legal_support = la orienta al asesoramiento sindical para la investigación
beat-pressed-choice-sorry_i_pushed-evidence-let_them_lead = da un paso atrás
beat-pressed-choice-sorry_i_pushed-evidence-relationship = se disculpa y recompone el contacto

## diagnosed
beat-diagnosed-cue = Una risa corta y seca; se vuelve hacia la nevera.
beat-diagnosed-line = Shock. Ya. Gracias por el diagnóstico.
beat-diagnosed-choice-only_denial = Perdona, solo quería decir que es completamente normal estar un poco en negación al principio, después de algo como lo de anoche. Le pasa a mucha gente, de verdad.
beat-diagnosed-choice-came_out_wrong = Me ha salido mal, perdona. Tú sabes cómo estás mucho mejor que yo. Si quieres algo de nosotros o no, lo decides tú.
beat-diagnosed-choice-you_sound_angry = Veo que estás enfadada conmigo, Hannah, y está bien. De verdad, eso me dice lo mucho que te ha afectado, y no me extraña después de anoche.
# Reasons given for evidence (hints and the debrief).
beat-diagnosed-choice-only_denial-evidence-no_judgement = se reafirma en un juicio sobre ella
beat-diagnosed-choice-only_denial-evidence-normalise = «negación» es una etiqueta, no normalizar
beat-diagnosed-choice-only_denial-evidence-relationship = se disculpa
beat-diagnosed-choice-came_out_wrong-evidence-let_them_lead = le devuelve la elección
beat-diagnosed-choice-came_out_wrong-evidence-no_judgement = retira la etiqueta
beat-diagnosed-choice-came_out_wrong-evidence-relationship = reconoce el error y le devuelve la autoridad
beat-diagnosed-choice-you_sound_angry-evidence-presence = la interpreta en vez de quedarse con ella
beat-diagnosed-choice-you_sound_angry-evidence-relationship = sigue analizándola después de que ella se haya plantado

## facts
beat-facts-cue = Voz apagada, la mirada en la etiqueta.
beat-facts-line = Está todo en el parte de incidencias. Se acabó la jeringa, le bajó la tensión, entró en parada. Pregunta al equipo de la investigación.
beat-facts-choice-no_details_needed = Perdona, no necesito ningún detalle; no vengo a eso. Soy del apoyo entre pares, y hablar con nosotros es totalmente opcional.
beat-facts-choice-pump_alarming = Claro. Solo me preguntaba cuánto tiempo estuvo sonando la bomba antes de que alguien llegara, porque tuvo que ser muy estresante para ti.
beat-facts-choice-next_syringe = Suena a una noche horrible. Pero ¿no estaba ya preparada la siguiente jeringa? Creía que aquí era lo habitual.
# Reasons given for evidence (hints and the debrief).
beat-facts-choice-no_details_needed-evidence-let_them_lead = hace que la elección sea suya
beat-facts-choice-no_details_needed-evidence-not_fact_finding = deja las preguntas sobre el suceso
beat-facts-choice-no_details_needed-evidence-relationship = corrige el enfoque
beat-facts-choice-pump_alarming-evidence-follow_affect = ve que fue estresante
beat-facts-choice-pump_alarming-evidence-not_fact_finding = indaga en la cronología del suceso
beat-facts-choice-next_syringe-evidence-no_judgement = insinúa que se saltó la práctica habitual
beat-facts-choice-next_syringe-evidence-not_fact_finding = pone en duda su versión

## closing_up
beat-closing_up-cue = Se vuelve otra vez hacia la nevera de medicación.
beat-closing_up-line = Nada. Olvídalo. Tengo que seguir.
beat-closing_up-choice-better_out = Espera, ibas a decir algo. Normalmente es mejor sacarlo que guardárselo, de verdad, Hannah.
beat-closing_up-choice-take_care_tonight = Vale, no te preocupes. Cuídate esta noche, Hannah, ¿vale? Te queda una noche larga.
beat-closing_up-choice-sorry_leave_number = Claro. Perdona si he insistido. No me debes nada. ¿Te puedo dejar nuestro número?
# Reasons given for evidence (hints and the debrief).
beat-closing_up-choice-better_out-evidence-let_them_lead = la presiona para que diga lo que se guardó
beat-closing_up-choice-better_out-evidence-relationship = la llama por su nombre con calidez
beat-closing_up-choice-take_care_tonight-evidence-plan_next_steps = se va sin dejar un camino de vuelta
beat-closing_up-choice-take_care_tonight-evidence-relationship = cálido
beat-closing_up-choice-sorry_leave_number-evidence-let_them_lead = la deja parar
beat-closing_up-choice-sorry_leave_number-evidence-plan_next_steps = aun así deja un camino de vuelta
beat-closing_up-choice-sorry_leave_number-evidence-relationship = se disculpa

## guilt
beat-guilt-cue = Sube la voz; la auxiliar de la cama de al lado se gira a mirar.
beat-guilt-line = ¿Así que ahora también soy un peligro para mis pacientes? Genial. Gracias.
beat-guilt-choice-everyone_worried = Solo lo digo porque todo el mundo en la unidad está preocupado por ti, Hannah. A todos nos importa mucho lo que te pase.
beat-guilt-choice-that_was_unfair = Tienes razón, ha sido injusto por mi parte, y lo siento. Te dejo seguir. Nuestro número está en esta tarjeta por si algún día lo quieres.
# Reasons given for evidence (hints and the debrief).
beat-guilt-choice-everyone_worried-evidence-no_judgement = mantiene la insinuación de que es un riesgo
beat-guilt-choice-everyone_worried-evidence-relationship = defiende la presión en vez de recomponer
beat-guilt-choice-that_was_unfair-evidence-let_them_lead = se retira
beat-guilt-choice-that_was_unfair-evidence-relationship = se disculpa sin defenderse

## shut_down
beat-shut_down-cue = Se va hacia el box 6 sin mirar atrás.
beat-shut_down-line = Se acabó esta conversación. Tengo un paciente.
beat-shut_down-choice-card_with_ruth = Entendido. Le dejo nuestra tarjeta a Ruth en el control, para cuando la quieras, o para nunca.
beat-shut_down-choice-back_on_your_break = Vale. Entonces vuelvo a buscarte en tu descanso, cuando la unidad esté un poco más tranquila.
# Reasons given for evidence (hints and the debrief).
beat-shut_down-choice-card_with_ruth-evidence-let_them_lead = la deja irse
beat-shut_down-choice-card_with_ruth-evidence-plan_next_steps = aun así deja un camino de vuelta
beat-shut_down-choice-back_on_your_break-evidence-let_them_lead = anuncia que vas a ignorar su negativa

## endings
ending-door_open-line = Vale. Un mensaje, entonces. No te prometo contestar. Gracias por no hacer un drama de esto.
ending-door_open-debrief =
    ## La puerta queda abierta

    Hannah no quería hablar, y dejaste que esa fuera la respuesta. Es un buen resultado, no una conversación fallida: el apoyo es voluntario, y un «no» respetado hoy a menudo se convierte en un «sí» más adelante, cuando llega la reunión de la investigación o una noche tranquila le devuelve lo ocurrido.

    ### Lo que salió bien
    - Fuiste breve, dejaste claro que no tenías nada que ver con la investigación, que no ibas a preguntar qué pasó y que lo que ella dijera se quedaría contigo.
    - Trataste su negativa como algo normal y no como un síntoma, y nunca insististe.
    - Dejaste un camino de vuelta concreto (un número atendido de día y de noche) y, con tus propias palabras, un seguimiento ligero en una semana o así que ella puede ignorar.

    ### Para pensar
    - ¿Cómo notarías, en el seguimiento, que ahora quizá quiere algo más? Que ese mensaje sea corto y fácil de contestar.
    - Mucha gente que dice que no en el primer contacto vuelve a las pocas semanas. Lo que dejas importa más que lo que se dice ahora.
ending-door_open_talked-line = Vale. Un mensaje, entonces. Y... gracias. No pensaba que iba a contar nada.
ending-door_open_talked-debrief =
    ## Contó un poco, a su manera

    Hannah rechazó una «sesión», pero como no le pediste nada, eligió contarte la pregunta sin respuesta de la hija. Te quedaste con eso, no escarbaste en los detalles y paraste cuando dijo «ya está».

    ### Lo que salió bien
    - Una sola invitación abierta y sin presión, con permiso para decir que no.
    - Cuando dudó, dejaste estar la pausa en lugar de empujarla o tranquilizarla.
    - Te quedaste con lo que compartió, luego respetaste el límite que puso y lo mantuviste en confianza.
    - Dejaste un camino de vuelta y, con tus propias palabras, un seguimiento en una semana o así que ella podía rechazar.

    ### Para pensar
    - El momento en que puso un límite ponía a prueba si el apoyo es de verdad voluntario. Parar ahí es lo que hace probable que llame más adelante.
    - Una sesión de equipo puede ayudar a la unidad, pero propónla solo si ella pregunta qué podría ayudar.
ending-grudging-line = Ya. Vale. Ya veré.
ending-grudging-debrief =
    ## Se quedó con la tarjeta, pero con poco más

    Hannah acabó teniendo una forma de contactar con el equipo, pero la conversación la dejó en guardia. Según tu camino, la presionaste después de que dijera que no, la hiciste sentirse vigilada o juzgada, o se quedó sin un seguimiento claro.

    ### Qué probar la próxima vez
    - Acepta el primer «estoy bien» como respuesta. Aun así puedes presentarte, prometer confidencialidad y dejar información.
    - No predigas que lo va a pasar mal ni insinúes que no es segura: eso convierte el apoyo en un juicio.
    - Ofrece un seguimiento concreto y ligero (un mensaje en una semana o así) y pon fácil rechazarlo.
    - Si notas que has presionado, una disculpa sencilla repara más que una explicación.
ending-shut_out-line = *Hannah no contesta. Esa misma semana le cuenta a una compañera que el equipo de apoyo es «otra forma más de vigilarte».*
ending-shut_out-debrief =
    ## El apoyo se vivió como vigilancia

    Hannah dijo que no, y su negativa no se respetó. Al final veía al equipo como una forma más de controlarla, y esa idea se puede extender por toda la unidad.

    ### Lo que salió mal
    - Insistir en que tiene que hablar, o en que su supervisora tiene que saberlo, contradice dos bases del programa: el apoyo es voluntario y confidencial.
    - Anunciar que volverás a buscarla en su descanso ignora su respuesta.

    ### Qué probar la próxima vez
    - Preséntate, di que es decisión suya y confidencial, deja un camino de vuelta, ofrece un seguimiento que pueda rechazar, y vete.
ending-vague_exit-line = *Hannah asiente y vuelve a la cama 6. No sabe cómo contactar con el equipo si cambia de opinión.*
ending-vague_exit-debrief = Una salida educada, pero vacía. Respetar una negativa no significa irse sin dejar nada: un servicio voluntario sigue debiendo a la persona un camino de vuelta. La próxima vez, deja una tarjeta o un número, di que está disponible en cualquier momento y ofrece un seguimiento ligero en una o dos semanas que pueda rechazar.
