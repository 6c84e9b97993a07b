// Progressive enhancement only: every page works without this file.
// Move focus to the error summary so screen-reader and keyboard users hear the problems first.
document.addEventListener("DOMContentLoaded", () => {
  // After a form posts and the page says what happened, focus that message instead.
  const summary = document.querySelector(".error-summary") || document.querySelector("#messages");
  if (summary) summary.focus();
  // Long text: say how many characters are left (the server refuses what is too long; the
  // browser never cuts it). Screen readers hear the count once typing pauses.
  document.querySelectorAll("textarea[data-max-length]").forEach((field) => {
    const max = Number(field.dataset.maxLength);
    const counter = document.createElement("p");
    counter.className = "hint counter";
    counter.id = `${field.id}_counter`;
    const spoken = document.createElement("p");
    spoken.className = "visually-hidden";
    spoken.setAttribute("aria-live", "polite");
    field.after(counter, spoken);
    const described = [field.getAttribute("aria-describedby"), counter.id].filter(Boolean);
    field.setAttribute("aria-describedby", described.join(" "));
    let timer;
    const update = (speak) => {
      // The form sends each new line as two characters (CR LF): count them as the server does.
      const left = max - field.value.replace(/\r?\n/g, "\r\n").length;
      const template = left >= 0 ? field.dataset.counterLeft : field.dataset.counterOver;
      const text = template.replace("{n}", Math.abs(left).toLocaleString(document.documentElement.lang));
      counter.textContent = text;
      counter.classList.toggle("counter--over", left < 0);
      window.clearTimeout(timer);
      if (speak) timer = window.setTimeout(() => { spoken.textContent = text; }, 800);
    };
    field.addEventListener("input", () => update(true));
    update(false);
  });
  // Guard against double submission: disable a form's buttons once it is sent.
  document.querySelectorAll("form[method='post']").forEach((form) => {
    form.addEventListener("submit", () => {
      form.querySelectorAll("button[type='submit']").forEach((button) => {
        window.setTimeout(() => { button.disabled = true; }, 0);
      });
    });
  });
});
