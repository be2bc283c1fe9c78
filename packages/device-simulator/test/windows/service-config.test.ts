import { describe, expect, it } from "vitest";
import { SimulatedClock } from "../../src/clock.js";
import { CellularNetwork, type RegistrationChange } from "../../src/windows/network.js";
import {
  checkServiceConfiguration,
  formatLpaTimestamp,
  inIccidRanges,
  launchUrl,
  lpaErrorHeaders,
  newTransactionId,
  registrationSlotMinutes,
  ServiceConfigurationError,
} from "../../src/windows/service-config.js";

describe("registrationSlotMinutes (networkRegistrationInterval → the 15-minute slot)", () => {
  it.each([
    [0, 0],
    [1, 15],
    [5, 15],
    [7, 15],
    [15, 15],
    [20, 15],
    [22, 15],
    [23, 30],
    [30, 30],
    [37, 30],
    [38, 45],
    [60, 60],
  ])("When the portal asks %i minutes, then the device waits %i", (asked, slot) => {
    expect(registrationSlotMinutes(asked)).toBe(slot);
  });
  it.each([-1, 1.5, Number.NaN])("When the interval is %s, then it is a RangeError", (bad) => {
    expect(() => registrationSlotMinutes(bad)).toThrow(RangeError);
  });
});

describe("launch URL", () => {
  it("When the PC has an eUICC, then the eSIM form carries eid and iccids (F padding stripped) and the common parameters", () => {
    const url = new URL(
      launchUrl(
        "https://moportal.example/start?src=mp",
        {
          imei: "001102000315468",
          market: "US",
          location: "US",
          eid: "89033023422130000000000199055797",
          iccids: ["8988247000101867183F", "8988247000103824828"],
        },
        "abc.1",
      ),
    );
    expect(Object.fromEntries(url.searchParams)).toEqual({
      src: "mp",
      market: "US",
      location: "US",
      transactionId: "abc.1",
      eid: "89033023422130000000000199055797",
      iccids: "8988247000101867183,8988247000103824828",
      imei: "001102000315468",
    });
  });
  it("When the PC has only a physical SIM, then the form carries iccid and no eid", () => {
    const url = new URL(
      launchUrl(
        "https://moportal.example/",
        { imei: "1", market: "us", location: "us", iccid: "8988247000100003319F" },
        "t",
      ),
    );
    expect(url.searchParams.get("iccid")).toBe("8988247000100003319");
    expect(url.searchParams.has("eid")).toBe(false);
  });
  it("When an eSIM PC has none of the operator's profiles, then iccids is omitted", () => {
    const url = new URL(
      launchUrl("https://moportal.example/", { imei: "1", market: "US", location: "US", eid: "8904", iccids: [] }, "t"),
    );
    expect(url.searchParams.has("iccids")).toBe(false);
  });
  it("When transaction ids are made, then each is unique, URL-safe and at most 64 characters", () => {
    const ids = new Set(Array.from({ length: 200 }, (_, i) => newTransactionId(i + 1)));
    expect(ids.size).toBe(200);
    for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9_-]+\.[0-9]+$/);
    expect(() =>
      launchUrl("https://p.example/", { imei: "1", market: "US", location: "US", iccid: "89" }, "x".repeat(65)),
    ).toThrow(ServiceConfigurationError);
  });
});

describe("X-MP-LPAError headers", () => {
  it("When two downloads failed, then codes and timestamps are comma-separated in order and the ICCID is named once", () => {
    const headers = lpaErrorHeaders([
      { code: "ServerFailure", at: Date.UTC(2018, 4, 18, 23, 17, 23), iccid: "8988247000101997790" },
      { code: "ServerNotReachable", at: Date.UTC(2018, 4, 18, 23, 27, 33), iccid: "8988247000101997790" },
    ]);
    expect(headers).toEqual({
      "X-MP-LPAError-Codes": "ServerFailure,ServerNotReachable",
      "X-MP-LPAError-TimeStamps": "5/18/2018 11:17:23 PM,5/18/2018 11:27:33 PM",
      "X-MP-LPAError-ICCIDs": "8988247000101997790",
    });
  });
  it("When nothing failed, then there are no headers; when the ICCID is unknown, then no ICCID header", () => {
    expect(lpaErrorHeaders([])).toEqual({});
    expect(lpaErrorHeaders([{ code: "InvalidMatchingId", at: 0, iccid: "" }])).not.toHaveProperty(
      "X-MP-LPAError-ICCIDs",
    );
  });
  it.each([
    [Date.UTC(2026, 0, 5, 0, 4, 9), "1/5/2026 12:04:09 AM"],
    [Date.UTC(2026, 11, 31, 12, 0, 0), "12/31/2026 12:00:00 PM"],
    [Date.UTC(2026, 6, 1, 13, 30, 5), "7/1/2026 1:30:05 PM"],
  ])("When the time is %i, then the timestamp is %s", (ms, text) => {
    expect(formatLpaTimestamp(ms)).toBe(text);
  });
});

describe("service configuration", () => {
  const base = { brand: "B", iccidRanges: [{ prefix: "899101" }] };
  it("When the portal is https, then its origin is the default notification host", () => {
    expect(checkServiceConfiguration({ ...base, portalUri: "https://portal.example/mp" }).allowedOrigins).toEqual([
      "https://portal.example",
    ]);
  });
  it.each([
    ["http://portal.example/", undefined, /must be https/],
    ["http://127.0.0.1:4040/", undefined, /allowInsecureLoopback/],
    ["ftp://portal.example/", undefined, /must be https/],
    ["not a url", undefined, /not a URL/],
    ["https://portal.example/", ["http://10.0.0.1"], /must be https/],
  ])(
    "When the portal is %s (notification hosts %s), then the configuration is refused",
    (portalUri, hosts, message) => {
      expect(() =>
        checkServiceConfiguration({ ...base, portalUri, ...(hosts ? { notificationHosts: hosts } : {}) }),
      ).toThrow(message);
    },
  );
  it("When the development flag is set, then an http loopback portal is allowed and notification hosts may be bare host names", () => {
    expect(
      checkServiceConfiguration({
        ...base,
        portalUri: "http://127.0.0.1:4040/",
        allowInsecureLoopback: true,
        notificationHosts: ["http://127.0.0.1:4040", "notify.example"],
      }).allowedOrigins,
    ).toEqual(["http://127.0.0.1:4040", "https://notify.example"]);
  });
  it("When ICCIDs are matched, then prefixes and from/to ranges decide", () => {
    const ranges = [{ prefix: "899101" }, { from: "8988247000100000000", to: "8988247000199999999" }];
    expect(inIccidRanges("8991010000000000018", ranges)).toBe(true);
    expect(inIccidRanges("8988247000101867183", ranges)).toBe(true);
    expect(inIccidRanges("8988247000201867183", ranges)).toBe(false);
    expect(() =>
      checkServiceConfiguration({ ...base, portalUri: "https://p.example", iccidRanges: [{ prefix: "12" }] }),
    ).toThrow(ServiceConfigurationError);
  });
});

describe("CellularNetwork", () => {
  it("When a registration is scripted with steps, then each state arrives at its simulated time and every change is reported", () => {
    const clock = new SimulatedClock();
    const net = new CellularNetwork(clock);
    const seen: RegistrationChange[] = [];
    net.onChange((c) => seen.push(c));
    net.script("8991010000000000018", { states: ["searching", "roaming", "home"], stepMs: 1000 });
    net.register("8991010000000000018");
    expect(net.state("8991010000000000018")).toBe("searching");
    clock.advance(1000);
    expect(net.state("8991010000000000018")).toBe("roaming");
    clock.advance(1000);
    net.set("8991010000000000018", "denied");
    net.deregister("8991010000000000018");
    expect(seen.map((c) => c.to)).toEqual(["searching", "roaming", "home", "denied", "deregistered"]);
    expect(seen[1]?.at).toBe(seen[0]!.at + 1000);
    expect(() => net.set("x", "lost" as never)).toThrow(RangeError);
  });
});
