/* Suggest listed organisations while a newcomer types its name (sign-up page).
   Without JavaScript the field still works: the name typed is matched on the server. */
(function () {
  "use strict";
  var script = document.currentScript;
  var input = document.getElementById("id_organisation_name");
  if (!script || !input || !window.fetch) { return; }
  var list = document.createElement("datalist");
  list.id = input.getAttribute("list") || "organisation-suggestions";
  input.parentNode.appendChild(list);
  var timer = null;
  input.addEventListener("input", function () {
    clearTimeout(timer);
    var q = input.value.trim();
    if (q.length < 2) { return; }
    timer = setTimeout(function () {
      fetch(script.dataset.url + "?q=" + encodeURIComponent(q), { credentials: "same-origin" })
        .then(function (r) { return r.ok ? r.json() : { results: [] }; })
        .then(function (data) {
          list.textContent = "";
          data.results.forEach(function (o) {
            var option = document.createElement("option");
            option.value = o.name;
            option.label = o.region;
            list.appendChild(option);
          });
        })
        .catch(function () { /* suggestions are a convenience; typing still works */ });
    }, 250);
  });
})();
