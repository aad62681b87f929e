// Progressive enhancement only: without script the form posts as usual.
(function () {
  var form = document.getElementById("upload"), input = document.getElementById("files");
  var drop = document.getElementById("drop"), list = document.getElementById("chosen");
  var note = document.getElementById("upload-progress");
  function show() {
    list.textContent = "";
    for (var i = 0; i < input.files.length; i++) {
      var li = document.createElement("li");
      li.textContent = input.files[i].name;  // text, never markup
      list.appendChild(li);
    }
  }
  input.addEventListener("change", show);
  ["dragenter", "dragover"].forEach(function (t) {
    drop.addEventListener(t, function (e) { e.preventDefault(); drop.classList.add("over"); });
  });
  ["dragleave", "drop"].forEach(function (t) {
    drop.addEventListener(t, function () { drop.classList.remove("over"); });
  });
  drop.addEventListener("drop", function (e) {
    e.preventDefault();
    if (e.dataTransfer && e.dataTransfer.files.length) { input.files = e.dataTransfer.files; show(); }
  });
  form.addEventListener("submit", function (e) {
    if (!window.XMLHttpRequest || !window.FormData || !input.files.length) return;
    e.preventDefault();
    var xhr = new XMLHttpRequest();
    document.getElementById("submit").disabled = true;
    xhr.upload.onprogress = function (p) {
      if (p.lengthComputable) note.textContent = "正在上传：" + Math.round(100 * p.loaded / p.total) + "%";
    };
    xhr.upload.onload = function () { note.textContent = "上传完成，正在审查……"; };
    xhr.onload = function () {
      var answer = null;
      try { answer = JSON.parse(xhr.responseText); } catch (err) { answer = null; }
      if (answer && answer.results) { window.location = answer.results; return; }
      note.textContent = (answer && answer.error) || ("上传失败（HTTP " + xhr.status + "）");
      note.setAttribute("role", "alert");
      note.className = "hint error";
      document.getElementById("submit").disabled = false;
    };
    xhr.onerror = function () {
      note.textContent = "上传失败：无法连接到服务器";
      document.getElementById("submit").disabled = false;
    };
    xhr.open("POST", form.action);
    xhr.setRequestHeader("X-Requested-With", "check-page");
    xhr.send(new FormData(form));
    note.textContent = "正在上传……";
  });
})();
