// Marks the page ready the way the real app's library does once its cards
// are drawn: after one round trip to the Rust side.
const answer = await window.__TAURI__.core.invoke("greet");
const p = document.createElement("p");
p.id = "ready";
p.textContent = answer;
document.getElementById("main").append(p);
