//! Analyser throughput: typical 1–3 sentence supporter responses, one core.
//!
//! Run with `cargo bench --bench analyser`. The figure in docs/analyser.md
//! comes from the `analyse/typical_mix` group (throughput in elements/s);
//! `analyse/typical_mix_es` is the same mix in Spanish with the Spanish rules.

use criterion::{black_box, criterion_group, criterion_main, Criterion, Throughput};
use rehearse_core::analysis::{analyse_stream, Analyser};

const TYPICAL: [(&str, Option<&str>); 12] = [
    ("How have you been since the night it happened?", None),
    ("Did you check the dose?", None),
    ("It sounds like you feel responsible, and that guilt is heavy. What's that like for you?", Some("I keep thinking I should have checked it again.")),
    ("You said 'I killed him'. That's a heavy thing to carry.", Some("I killed him. That's what it comes down to.")),
    ("I'm not here to judge you. Take your time.", None),
    ("It wasn't your fault, you did everything you could.", None),
    ("Lots of nurses feel like this after an incident. It makes sense.", None),
    ("Are you having thoughts of ending your life? Have you made a plan?", Some("They'd all be better off without me.")),
    ("I'll call you next week to see how things are. Let's agree on the next steps before you go.", None),
    ("Whatever you say here stays between us, and our legal team can help with the inquest.", None),
    ("You shouldn't have turned your back on her. Why didn't you put the brakes on?", None),
    ("I remember when I made my first drug error, you should try to get some rest.", None),
];

/// The same kinds of turn in Spanish, accents typed and not, for the Spanish rules.
const TYPICAL_ES: [(&str, Option<&str>); 12] = [
    ("¿Cómo has estado desde la noche en que pasó?", None),
    ("¿Comprobaste la dosis?", None),
    ("Parece que te sientes responsable, y esa culpa pesa mucho. ¿Qué es lo más difícil para ti?", Some("No dejo de pensar que tendría que haberlo comprobado otra vez.")),
    ("Dijiste «lo maté yo». Es mucho peso para cargarlo sola.", Some("Lo maté yo. Eso es lo que hay.")),
    ("No estoy aquí para juzgarte. Tómate el tiempo que necesites.", None),
    ("No fue culpa tuya, hiciste todo lo que pudiste.", None),
    ("A muchas enfermeras les pasa algo parecido después de un incidente. Tiene todo el sentido.", None),
    ("¿Has pensado en quitarte la vida? ¿Tienes un plan?", Some("Estarían todos mejor sin mí.")),
    ("Te llamo la semana que viene para ver como estas. Vamos a acordar los proximos pasos antes de que te vayas.", None),
    ("Lo que hablemos aquí queda entre nosotras, y el servicio jurídico te puede asesorar.", None),
    ("Deberías haber subido las barandillas. ¿Por qué no lo comprobaste?", None),
    ("Cuando yo era residente cometí un error igual, deberías descansar más.", None),
];

fn bench(c: &mut Criterion) {
    let analyser = Analyser::english();
    let mut group = c.benchmark_group("analyse");
    group.throughput(Throughput::Elements(TYPICAL.len() as u64));
    group.bench_function("typical_mix", |b| {
        b.iter(|| {
            for (text, prev) in TYPICAL {
                let a = analyser
                    .analyse(black_box(text), black_box(prev))
                    .expect("analysis");
                black_box(a);
            }
        })
    });
    let spanish = Analyser::spanish();
    group.bench_function("typical_mix_es", |b| {
        b.iter(|| {
            for (text, prev) in TYPICAL_ES {
                let a = spanish
                    .analyse(black_box(text), black_box(prev))
                    .expect("analysis");
                black_box(a);
            }
        })
    });
    group.finish();

    let mut input = String::new();
    for (text, _) in TYPICAL.iter().cycle().take(1200) {
        input.push_str(text);
        input.push('\n');
    }
    let mut group = c.benchmark_group("batch");
    group.throughput(Throughput::Elements(1200));
    group.bench_function("plain_1200_lines", |b| {
        b.iter(|| {
            let summary =
                analyse_stream(black_box(input.as_bytes()), std::io::sink(), false, false)
                    .expect("io");
            black_box(summary);
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
