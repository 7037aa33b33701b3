/* Replay tracking: sends the parts of the video actually played, not the furthest point.
   An interval grows while the video plays; a seek or a pause closes it. Intervals are sent
   every 15 seconds and when the tab is hidden or closed. Without JavaScript the video
   still plays; it just does not count. */
(function () {
  "use strict";
  var video = document.getElementById("replay-video");
  if (!video || !video.dataset.trackUrl) { return; }
  var pending = [], current = null, last = 0;
  var status = document.getElementById("replay-progress");

  function close() { if (current && current[1] > current[0]) { pending.push(current); } current = null; }
  video.addEventListener("timeupdate", function () {
    var t = video.currentTime;
    if (video.paused || video.seeking) { return; }
    if (current && t >= current[1] && t - current[1] < 2) { current[1] = t; }
    else { close(); current = [t, t]; }
    last = t;
  });
  ["pause", "seeking", "ended"].forEach(function (name) { video.addEventListener(name, close); });

  function payload() {
    var parts = pending.slice();
    if (current && current[1] > current[0]) { parts.push([current[0], current[1]]); current = [current[1], current[1]]; }
    pending = [];
    if (!parts.length) { return null; }
    var data = new FormData();
    data.append("csrfmiddlewaretoken", video.dataset.csrf);
    data.append("intervals", JSON.stringify(parts.map(function (p) { return [Math.round(p[0] * 10) / 10, Math.round(p[1] * 10) / 10]; })));
    return data;
  }
  function send() {
    var data = payload();
    if (!data) { return; }
    fetch(video.dataset.trackUrl, { method: "POST", body: data, credentials: "same-origin" })
      .then(function (r) { return r.json(); })
      .then(function (result) { if (status && result.percent !== undefined) { status.textContent = status.textContent.replace(/\d+\s?%/, result.percent + " %"); } })
      .catch(function () { /* the next report carries on from here */ });
  }
  function beacon() { var data = payload(); if (data && navigator.sendBeacon) { navigator.sendBeacon(video.dataset.trackUrl, data); } }
  setInterval(send, 15000);
  document.addEventListener("visibilitychange", function () { if (document.visibilityState === "hidden") { beacon(); } });
  window.addEventListener("pagehide", beacon);

  document.querySelectorAll("[data-seek]").forEach(function (link) {
    link.addEventListener("click", function (event) {
      event.preventDefault();
      video.currentTime = Number(link.dataset.seek);
      video.focus();
      video.play();
    });
  });
})();
