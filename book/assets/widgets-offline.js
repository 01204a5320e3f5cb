// Loaded between require.js and the widgets' html-manager (embed-amd.js, vendored in
// _static/vendor/html-manager/) on every page with saved widgets; nothing is fetched from a CDN.
(function () {
  // 1. embed-amd.js computes the URL of its icon fonts from the AMD module id
  //    "@jupyter-widgets/html-manager/dist/libembed-amd", which require.js would resolve against the
  //    page's own folder (404s).  Map that id to the vendored copy, wherever the book is served from.
  var here = new URL("vendor/html-manager/", document.currentScript.src).href;
  window.__jupyter_widgets_assets_path__ = here;
  require.config({ paths: { "@jupyter-widgets/html-manager/dist": here.replace(/\/$/, "") } });

  // 2. The widgets typeset a LaTeX description with the MathJax 2 call MathJax.Hub.Queue(...) whenever
  //    window.MathJax exists; the book loads MathJax 3 (a TypeError otherwise).  Give MathJax 3 that
  //    one entry point.  MathJax is loaded with `defer`, so it is there by DOMContentLoaded, before
  //    the html-manager renders the widgets on `load`.
  document.addEventListener("DOMContentLoaded", function () {
    var mj = window.MathJax;
    if (mj && mj.version && mj.version.charAt(0) === "3" && !mj.Hub) {
      mj.Hub = {
        Queue: function (job) {
          var element = Array.isArray(job) ? job[2] : undefined;
          return mj.startup.promise.then(function () {
            return mj.typesetPromise(element ? [element] : undefined);
          });
        },
      };
    }
  });
})();
