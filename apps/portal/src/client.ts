/**
 * /assets/portal.js — the portal's only script. It feature-detects the bridges (pages work without them, and say
 * so) and makes the one bridge call each finished flow needs. Written as plain ES5-style JavaScript on purpose:
 * it is what an operator's portal would ship.
 */
export const PORTAL_JS = String.raw`(function () {
  "use strict";
  var dataEl = document.getElementById("portal-data");
  var data = dataEl ? JSON.parse(dataEl.textContent || "{}") : {};
  var banner = document.getElementById("bridge-status");
  var hasMobilePlans = typeof window.MobilePlans !== "undefined";
  var boost = window.DataBoostWebServiceFlow || window.SlicePurchaseWebInterface;
  function $(id) { return document.getElementById(id); }
  function say(id, text, cls) { var el = $(id); if (el) { el.textContent = text; if (cls) el.className = cls; } }
  function post(url, body) {
    var headers = { "content-type": "application/json" };
    if (data.csrf) headers["x-csrf-token"] = data.csrf;
    return fetch(url, { method: "POST", headers: headers, body: JSON.stringify(body) })
      .then(function (r) { return r.json(); });
  }

  if (banner) {
    if (data.page === "boost") {
      if (boost) banner.textContent = "Running in Android's purchase view (" + (window.DataBoostWebServiceFlow ? "DataBoostWebServiceFlow" : "SlicePurchaseWebInterface") + ").";
      else { banner.textContent = "No DataBoostWebServiceFlow: plain browsing, nothing is reported to Android."; banner.className = "bridge none"; }
    } else if (hasMobilePlans) banner.textContent = "Running inside Windows Mobile Plans.";
    else { banner.textContent = "Mobile Plans is not present: plain browsing, nothing is sent to the app."; banner.className = "bridge none"; }
  }

  function metadata(m) {
    var md = MobilePlans.createPurchaseMetaData();
    md.userAccount = MobilePlansUserAccount[m.userAccount];
    md.purchaseInstrument = MobilePlansPurchaseInstrument[m.purchaseInstrument];
    md.line = MobilePlansLineType[m.line];
    md.moDirectStatus = MobilePlansMoDirectStatus[m.moDirectStatus];
    md.planName = m.planName;
    return md;
  }

  function addEvent(text) {
    var li = document.createElement("li");
    li.textContent = text;
    var list = $("events");
    if (list) list.appendChild(li);
  }
  // What the finish page says about the eSIM follows the app's callbacks, never only what the portal asked for:
  // "downloading" (or "ready later") is shown only until the activation or a network registration is reported.
  // A profile the app reported installed (DOWNLOADED) or the SM-DP+ saw installed (INSTALLED) is not started again.
  var installed = data.profileState === "DOWNLOADED" || data.profileState === "INSTALLED";
  var esim = { pending: "", activation: installed ? "Success" : "", registration: "", cancelled: false };
  var REGISTRATION_TEXT = {
    Home: "It is connected to our network.",
    Roaming: "It is connected through a roaming network.",
    Partner: "It is connected through a partner network.",
    Searching: "It is looking for the network.",
    Denied: "The network refused it: contact us.",
    Deregistered: "It is not registered on the network.",
    None: "It is not connected yet."
  };
  var CONNECTED = { Home: true, Roaming: true, Partner: true };
  function showEsim() {
    if (esim.cancelled) return say("result", "Download cancelled.", "ok");
    var installed = esim.activation === "Success" || CONNECTED[esim.registration] === true;
    if (esim.activation && esim.activation !== "Success")
      return say("result", "The eSIM could not be installed (" + esim.activation + "). Try again or contact us.", "error");
    if (installed) {
      var cancel = $("cancel-download");
      if (cancel) cancel.hidden = true;
      return say("result", "Your eSIM is installed." + (esim.registration ? " " + (REGISTRATION_TEXT[esim.registration] || "") : ""), "ok");
    }
    if (esim.registration) return say("result", esim.pending + " " + (REGISTRATION_TEXT[esim.registration] || ""), "ok");
    if (esim.pending) say("result", esim.pending, "ok");
  }
  function registerCallbacks() {
    MobilePlansInlineOperations.registrationChangedScript = "portalRegistrationChanged";
    MobilePlansInlineOperations.profileActivationCompleteScript = "portalActivationComplete";
  }
  // Named by registrationChangedScript / profileActivationCompleteScript: the app calls them with a JSON string.
  window.portalRegistrationChanged = function (json) {
    var args = JSON.parse(json);
    addEvent("Network registration of " + args.iccid + ": " + args.networkRegistrationState);
    if (!data.iccid || args.iccid === data.iccid) { esim.registration = args.networkRegistrationState; showEsim(); }
    post("/api/esim/events", { kind: "registration", iccid: args.iccid, state: args.networkRegistrationState });
  };
  window.portalActivationComplete = function (json) {
    var args = JSON.parse(json);
    // An empty iccid: the activation failed before the app learnt the profile's ICCID (it is this page's download).
    if (!args.iccid) {
      addEvent("Activation failed: " + args.activationResult);
      esim.activation = args.activationResult;
      showEsim();
      return;
    }
    addEvent("Activation of " + args.iccid + ": " + args.activationResult);
    if (!data.iccid || args.iccid === data.iccid) { esim.activation = args.activationResult; showEsim(); }
    post("/api/esim/events", { kind: "activation", iccid: args.iccid, result: args.activationResult }).then(function (r) {
      if (r && r.state) say("profile-state", "Profile state: " + r.state);
    });
  };

  if (data.page === "done") {
    var finish = $("finish");
    if (!hasMobilePlans) {
      if (finish) finish.disabled = true;
      say("result", "Open this page from the Mobile Plans app to install or activate automatically.");
    }
    if (installed) {
      // Reopened after the profile was installed: nothing to start again.
      if (finish) finish.disabled = true;
      showEsim();
    } else if (finish) finish.addEventListener("click", function () {
      var md = metadata(data.metadata);
      var op;
      switch (data.flow) {
        case "esim-inline":
          registerCallbacks();
          op = MobilePlansInlineOperations.notifyProfileDownload(md, data.activationCode);
          esim.pending = "Your eSIM is downloading. Stay on this page.";
          showEsim();
          break;
        case "esim-delayed":
          // The delayed download ends in the same callbacks as the inline one (after the toast, when the user accepts).
          registerCallbacks();
          op = MobilePlansInlineOperations.notifyProfileDownload(md, data.activationCode, data.downloadDelay);
          esim.pending = "Your eSIM will be ready in about " + data.downloadDelay + " minutes: Windows will notify you.";
          showEsim();
          var cancel = $("cancel-download");
          if (cancel && !(esim.activation === "Success" || CONNECTED[esim.registration])) {
            cancel.hidden = false;
            cancel.addEventListener("click", function () {
              MobilePlansInlineOperations.notifyOperationCancel(op);
              cancel.disabled = true;
              post("/api/esim/release", { iccid: data.iccid }).then(function () { esim.cancelled = true; showEsim(); });
            });
          }
          break;
        case "esim-async":
          registerCallbacks();
          MobilePlans.notifyPurchaseWithProfileDownload(md, data.activationCode, data.networkRegistrationInterval);
          esim.pending = "Your eSIM is being installed; the network needs about " + data.networkRegistrationInterval + " minutes to set up your line.";
          showEsim();
          break;
        case "balance":
          op = MobilePlansInlineOperations.notifyBalanceAddition(md);
          say("result", "Data added to your line.", "ok");
          break;
        case "balance-iccid":
          op = MobilePlansInlineOperations.notifyBalanceAddition(md, data.iccid);
          say("result", "Data added; the eSIM " + data.iccid + " becomes the active one.", "ok");
          break;
      }
      finish.disabled = true;
      if (op) say("operation", "Operation " + op.Id);
    });
  }

  // A cancelled subscription: the app learns it through notifyBalanceAddition (the account's balance changed; the
  // app refreshes it), once — a repeated submit renders the page with notify false.
  if (data.page === "subscription-cancelled") {
    if (hasMobilePlans && data.notify) {
      MobilePlansInlineOperations.notifyBalanceAddition(metadata(data.metadata));
      say("result", "Mobile Plans was told.");
    } else if (!hasMobilePlans) say("result", "Open Mobile Plans to see your new balance.");
  }

  // A failed purchase: the current API has no failure call, so control goes back to the app with
  // notifyCancelledPurchase and the failure as moDirectStatus (planName "").
  if (data.page === "failed") {
    if (hasMobilePlans) {
      MobilePlans.notifyCancelledPurchase(metadata(data.metadata));
      say("result", "Mobile Plans was told that the purchase failed.");
    } else say("result", "Nothing was bought.");
  }

  if (data.page === "cancelled") {
    if (hasMobilePlans) {
      MobilePlans.notifyCancelledPurchase(metadata(data.metadata));
      say("result", "Mobile Plans was told that you cancelled.");
    } else say("result", "Nothing was bought.");
  }

  if (data.page === "samples" && hasMobilePlans) {
    var buttons = document.querySelectorAll("button[data-sample]");
    for (var i = 0; i < buttons.length; i++) {
      buttons[i].addEventListener("click", function (e) {
        var name = e.currentTarget.getAttribute("data-sample");
        var label = e.currentTarget.textContent;
        try { SAMPLES[name](); say("result", label + ": sent", "ok"); }
        catch (err) { say("result", label + ": " + err.message, "error"); }
      });
    }
  }

  if (data.page === "boost") {
    var failures = data.failureCodes || {};
    if (boost) {
      var cap = boost.getRequestedCapability();
      var names = data.capabilities || {};
      say("capability", "Requested capability: " + (names[cap] || "unknown capability (" + cap + ")"));
    }
    var failed = function (name, reason) {
      say("result", reason, "error");
      if (boost) boost.notifyPurchaseFailed(failures[name], reason);
    };
    var close = $("close");
    if (close && data.failure) close.addEventListener("click", function () { failed(data.failure.code, data.failure.reason); close.disabled = true; });
    var offers = document.querySelectorAll("button[data-offer]");
    for (var j = 0; j < offers.length; j++) {
      offers[j].addEventListener("click", function (e) {
        var offer = e.currentTarget.getAttribute("data-offer");
        for (var k = 0; k < offers.length; k++) offers[k].disabled = true;
        post("/boost/purchase", { token: data.token, offer: offer }).then(function (r) {
          if (r.ok) {
            if (boost) { if (r.durationMs != null) boost.notifyPurchaseSuccessful(r.durationMs); else boost.notifyPurchaseSuccessful(); }
            say("result", "Boost active." + (r.durationMs != null ? " It lasts " + Math.round(r.durationMs / 60000) + " minutes." : ""), "ok");
          } else failed(r.code, r.reason);
        }, function () { failed("FAILURE_CODE_CARRIER_URL_UNAVAILABLE", "The purchase service could not be reached."); });
      });
    }
    var dismiss = $("dismiss");
    if (dismiss) dismiss.addEventListener("click", function () {
      if (boost && typeof boost.dismissFlow === "function") boost.dismissFlow();
      else if (boost) boost.notifyPurchaseFailed(failures.FAILURE_CODE_UNKNOWN, "The user declined the boost.");
      say("result", "No boost bought.");
    });
  }

  // The documentation samples, verbatim (seeds 000-002): what many portals copy. The runtime canonicalises them.
  var SAMPLES = {
    "inline-current": function () {
      var purchaseMetaData = MobilePlans.createPurchaseMetaData();
      purchaseMetaData.userAccount = MobilePlansUserAccount.new;
      purchaseMetaData.purchaseInstrument = MobilePlansPurchaseInstrument.new;
      purchaseMetaData.lineType = MobilePlansLineType.new;
      purchaseMetaData.modirectStatus = MobilePlansMoDirectStatus.complete;
      purchaseMetaData.planName = "My Plan";
      MobilePlansInlineOperations.registrationChangedScript = "portalRegistrationChanged";
      MobilePlansInlineOperations.profileActivationCompleteScript = "portalActivationComplete";
      MobilePlansInlineOperations.notifyProfileDownload(purchaseMetaData , data.activationCode);
    },
    "inline-legacy": function () {
      var purchaseMetaData = MobilePlans.createPurchaseMetaData();
      purchaseMetaData.userAccount = MobilePlansUserAccount.new;
      purchaseMetaData.purchaseInstrument = MobilePlansPurchaseInstrument.new;
      purchaseMetaData.lineType = MobilePlansLineType.new;
      purchaseMetaData.modirectStatus = MobilePlansMoDirectStatus.complete;
      purchaseMetaData.planName = "My Plan";
      MobilePlansInlineProfileDownload.registrationChangedScript = "portalRegistrationChanged";
      MobilePlansInlineProfileDownload.profileActivationCompleteScript = "portalActivationComplete";
      MobilePlansInlineProfileDownload.notifyInlineProfileDownload(purchaseMetaData , data.activationCode);
    },
    "balance-legacy": function () {
      var metadata = MobilePlans.createPurchaseMetaData();
      metadata.userAccount = MobilePlansUserAccount.new;
      metadata.purchaseInstrument = MobilePlansPurchaseInstrument.none;
      metadata.moDirectStatus = MobilePlansMoDirectStatus.complete;
      metadata.line = MobilePlansLineType.new;
      metadata.planName = "2GB Monthly";
      MobilePlans.notifyBalanceAddition(metadata, data.iccid);
    },
    "datamart": function () {
      var notificationPayload = new Object();
      notificationPayload.ver = '1';
      notificationPayload.purchaseResult = "{\"userAccount\":\"New\",\"purchaseInstrument\":\"New\",\"line\":\"New\",\"moDirectStatus\":\"Complete\",\"planName\":\"MyPlan\"}";
      notificationPayload.success = true;
      notificationPayload.transactionId = data.transactionId;
      notificationPayload.activationCode = data.activationCode;
      notificationPayload.iccid = data.iccid;
      DataMart.notifyPurchaseResult(JSON.stringify(notificationPayload));
    }
  };
})();
`;
