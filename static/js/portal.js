// Progressive enhancement only: every page works without this file.
// Move focus to the error summary so screen-reader and keyboard users hear the problems first.
document.addEventListener("DOMContentLoaded", () => {
  // After a form posts and the page says what happened, focus that message instead.
  const summary = document.querySelector(".error-summary") || document.querySelector("#messages");
  if (summary) summary.focus();
  // Guard against double submission: disable a form's buttons once it is sent.
  document.querySelectorAll("form[method='post']").forEach((form) => {
    form.addEventListener("submit", () => {
      form.querySelectorAll("button[type='submit']").forEach((button) => {
        window.setTimeout(() => { button.disabled = true; }, 0);
      });
    });
  });
});
