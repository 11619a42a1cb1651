/* The reader's site, enhanced: a filter form on the catalogue and search with Pagefind.
   Everything works without this script (static listing pages, plain links); it only adds.
   Interface words come from data- attributes the build wrote in the page's language. */
(function () {
  "use strict";

  function inDigits(el, n) {
    var digits = el.dataset.digits || "0123456789";
    return String(n).replace(/[0-9]/g, function (c) { return digits.charAt(+c); });
  }

  /* Links to the same page in another language carry the reader's filters or query. */
  function keepQuery(query) {
    var links = document.querySelectorAll(".language-switcher a, a[data-keep-query]");
    Array.prototype.forEach.call(links, function (a) {
      if (!a.dataset.base) { a.dataset.base = a.getAttribute("href"); }
      if (a.closest(".language-switcher") && !document.querySelector("[data-filter], [data-search]")) { return; }
      a.setAttribute("href", a.dataset.base + (query ? "?" + query : ""));
    });
  }

  function setupFilter(form) {
    var keys = ["country", "language", "product", "year"];
    var items = Array.prototype.slice.call(document.querySelectorAll(".doc-list > li.doc"));
    var shown = document.querySelector("[data-shown]");
    var none = document.querySelector("[data-none-match]");

    function apply(remember) {
      var wanted = {};
      keys.forEach(function (k) {
        var field = form.elements[k];
        if (field && field.value) { wanted[k] = field.value; }
      });
      var count = 0;
      items.forEach(function (li) {
        var match = Object.keys(wanted).every(function (k) { return li.dataset[k] === wanted[k]; });
        li.hidden = !match;
        if (match) { count += 1; }
      });
      shown.textContent = shown.dataset.shown.replace("{n}", inDigits(shown, count));
      none.hidden = count > 0;
      var query = new URLSearchParams(wanted).toString();
      if (remember) { history.replaceState(null, "", query ? "?" + query : location.pathname); }
      keepQuery(query);
    }

    var params = new URLSearchParams(location.search);
    keys.forEach(function (k) {
      var field = form.elements[k];
      var value = params.get(k);
      if (field && value && Array.prototype.some.call(field.options, function (o) { return o.value === value; })) {
        field.value = value;
      }
    });
    form.hidden = false;
    var links = document.querySelector("[data-static-filters]");
    if (links) { links.hidden = true; }  /* the form does what its links did */
    form.addEventListener("submit", function (event) { event.preventDefault(); apply(true); });
    form.addEventListener("change", function () { apply(true); });
    form.addEventListener("reset", function () { setTimeout(function () { apply(true); }, 0); });
    apply(false);
  }

  function setupSearch(form) {
    var status = document.querySelector("[data-search-status]");
    var list = document.querySelector("[data-search-results]");
    var root = new URL(document.documentElement.dataset.root || "", location.href);
    var pagefind = null;
    Array.prototype.forEach.call(document.querySelectorAll("[data-nojs]"), function (el) { el.hidden = true; });

    function load() {
      if (!pagefind) {
        pagefind = import(new URL("pagefind/pagefind.js", root).href).then(function (pf) {
          return pf.init().then(function () { return pf; });
        });
      }
      return pagefind;
    }

    function element(tag, className, text) {
      var el = document.createElement(tag);
      if (className) { el.className = className; }
      if (text) { el.textContent = text; }
      return el;
    }

    function excerpt(html) {
      /* Pagefind marks the matched words with <mark>; keep those and nothing else. */
      var p = element("p", "excerpt");
      var parsed = new DOMParser().parseFromString("<p>" + html + "</p>", "text/html").body.firstChild;
      Array.prototype.forEach.call(parsed.childNodes, function (node) {
        if (node.nodeName === "MARK") { p.appendChild(element("mark", "", node.textContent)); }
        else { p.appendChild(document.createTextNode(node.textContent)); }
      });
      return p;
    }

    function show(result) {
      var li = element("li", "doc");
      var h = element("h2", "doc-title");
      var a = element("a", "", result.meta.title);
      a.href = result.url;
      h.appendChild(a);
      li.appendChild(h);
      if (result.meta.info) { li.appendChild(element("p", "doc-meta", result.meta.info)); }
      li.appendChild(excerpt(result.excerpt));
      if (result.meta.about) {
        var links = element("p", "doc-links");
        var details = element("a", "", form.dataset.details);
        details.href = new URL(result.meta.about, root).href;
        links.appendChild(details);
        li.appendChild(links);
      }
      list.appendChild(li);
    }

    function run(query) {
      list.replaceChildren();
      if (!query.trim()) { status.textContent = ""; return Promise.resolve(); }
      return load().then(function (pf) { return pf.search(query); }).then(function (search) {
        return Promise.all(search.results.slice(0, 20).map(function (r) { return r.data(); }))
          .then(function (results) {
            status.textContent = search.results.length
              ? form.dataset.results.replace("{n}", inDigits(form, search.results.length))
              : form.dataset.none;
            results.forEach(show);
          });
      }).catch(function () { status.textContent = form.dataset.failed; });
    }

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var query = form.elements.q.value;
      var encoded = query ? new URLSearchParams({ q: query }).toString() : "";
      history.replaceState(null, "", encoded ? "?" + encoded : location.pathname);
      keepQuery(encoded);
      run(query);
    });
    var initial = new URLSearchParams(location.search).get("q");
    if (initial) {
      form.elements.q.value = initial;
      keepQuery(new URLSearchParams({ q: initial }).toString());
      run(initial);
    }
  }

  var filter = document.querySelector("form[data-filter]");
  if (filter) { setupFilter(filter); }
  var search = document.querySelector("form[data-search]");
  if (search) { setupSearch(search); }
}());
