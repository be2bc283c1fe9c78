// Human-readable tables of URSP rules and UE policy messages.
import { ANDROID_OS_ID } from "./android.js";
import type { UePolicyMessage } from "./delivery.js";
import type { RouteSelectionComponent, TrafficDescriptorComponent, UrspPolicy } from "./model.js";

function hex(n: number, digits: number): string {
  return `0x${n.toString(16).padStart(digits, "0")}`;
}

/** One-line description of a traffic descriptor component. */
export function describeTrafficComponent(c: TrafficDescriptorComponent): string {
  switch (c.type) {
    case "matchAll":
      return "match-all";
    case "osIdOsAppId": {
      const app = c.osAppId ?? `0x${c.osAppIdHex}`;
      return c.osId === ANDROID_OS_ID ? `Android app ${app}` : `OS ${c.osId} app ${app}`;
    }
    case "osAppId":
      return `OS App Id ${c.osAppId ?? `0x${c.osAppIdHex}`}`;
    case "ipv4RemoteAddress":
      return `remote ${c.address} mask ${c.mask}`;
    case "ipv6RemoteAddressPrefix":
      return `remote ${c.address}/${c.prefixLength}`;
    case "protocolIdNextHeader":
      return `protocol ${c.value}`;
    case "singleRemotePort":
      return `remote port ${c.port}`;
    case "remotePortRange":
      return `remote ports ${c.low}-${c.high}`;
    case "ip3Tuple": {
      const parts: string[] = [];
      if (c.ipv4) parts.push(`${c.ipv4.address} mask ${c.ipv4.mask}`);
      if (c.ipv6) parts.push(`${c.ipv6.address}/${c.ipv6.prefixLength}`);
      if (c.protocol !== undefined) parts.push(`protocol ${c.protocol}`);
      if (c.port !== undefined) parts.push(`port ${c.port}`);
      if (c.portRange) parts.push(`ports ${c.portRange.low}-${c.portRange.high}`);
      return `IP 3-tuple ${parts.join(" ")}`;
    }
    case "securityParameterIndex":
      return `SPI ${hex(c.spi, 8)}`;
    case "typeOfServiceTrafficClass":
      return `ToS/TC ${hex(c.value, 2)} mask ${hex(c.mask, 2)}`;
    case "flowLabel":
      return `flow label ${hex(c.label, 5)}`;
    case "destinationMacAddress":
      return `destination MAC ${c.address}`;
    case "destinationMacAddressRange":
      return `destination MAC ${c.low}-${c.high}`;
    case "ctagVid":
      return `C-TAG VID ${c.vid}`;
    case "stagVid":
      return `S-TAG VID ${c.vid}`;
    case "ctagPcpDei":
      return `C-TAG PCP ${c.pcp} DEI ${c.dei ? 1 : 0}`;
    case "stagPcpDei":
      return `S-TAG PCP ${c.pcp} DEI ${c.dei ? 1 : 0}`;
    case "ethertype":
      return `ethertype ${hex(c.value, 4)}`;
    case "dnn":
      return `DNN ${c.dnn}`;
    case "connectionCapabilities":
      return `capabilities ${c.capabilities.join(",")}`;
    case "destinationFqdn":
      return `FQDN ${c.fqdn}`;
    case "regularExpression":
      return `regex /${c.regex}/`;
  }
}

/** One-line description of a route selection descriptor component. */
export function describeRouteComponent(c: RouteSelectionComponent): string {
  switch (c.type) {
    case "sscMode":
      return `SSC mode ${c.sscMode}`;
    case "sNssai":
      return c.sd === undefined ? `S-NSSAI SST ${c.sst}` : `S-NSSAI SST ${c.sst} SD ${c.sd}`;
    case "dnn":
      return `DNN ${c.dnn}`;
    case "pduSessionType":
      return `PDU ${c.pduSessionType}`;
    case "preferredAccessType":
      return `access ${c.accessType}`;
    case "multiAccessPreference":
      return "multi-access";
    case "nonSeamlessNon3gppOffload":
      return "non-seamless non-3GPP offload";
    case "locationCriteria":
      return `location ${c.areas.map((a) => a.areaType).join(",")}`;
    case "timeWindow":
      return `time ${c.start}..${c.stop}`;
    case "proseL3RelayOffload":
      return "ProSe L3 relay offload";
    case "pduSessionPairId":
      return `PDU session pair ${c.pairId}`;
    case "rsn":
      return `RSN ${c.rsn}`;
  }
}

function table(rows: string[][]): string {
  const widths = rows.reduce<number[]>((w, r) => r.map((cell, i) => Math.max(w[i] ?? 0, cell.length)), []);
  return rows
    .map((r) =>
      r
        .map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i] ?? 0)))
        .join("  ")
        .trimEnd(),
    )
    .join("\n");
}

/** A table of the rules: precedence, traffic descriptor, route selection descriptors (one line each). */
export function explainPolicy(policy: UrspPolicy): string {
  const rows: string[][] = [["RULE", "PREC", "TRAFFIC DESCRIPTOR", "RSD PREC", "ROUTE SELECTION"]];
  policy.rules.forEach((rule, i) => {
    const td = rule.trafficDescriptor.map(describeTrafficComponent).join(" AND ");
    rule.routeSelectionDescriptors.forEach((rsd, j) => {
      const route = rsd.components.length ? rsd.components.map(describeRouteComponent).join(", ") : "(no components)";
      rows.push(
        j === 0
          ? [String(i), String(rule.precedence), td, String(rsd.precedence), route]
          : ["", "", "", String(rsd.precedence), route],
      );
    });
  });
  return table(rows);
}

/** Headers of the delivery layers followed by the table of every URSP part. */
export function explainMessage(msg: UePolicyMessage): string {
  const out: string[] = [`${msg.messageType.replace(/_/g, " ")}, PTI 0x${msg.pti.toString(16)}`];
  if (msg.messageType === "MANAGE_UE_POLICY_COMMAND") {
    for (const s of msg.sublists) {
      for (const ins of s.instructions) {
        out.push(
          `PLMN ${s.plmn}, UPSC ${ins.upsc}: ${ins.parts.length === 0 ? "empty section" : `${ins.parts.length} policy part(s)`}`,
        );
        for (const p of ins.parts) {
          if (p.partType === "ursp") out.push(explainPolicy(p.ursp));
          else out.push(`  part type ${p.partType}: ${p.contentsHex.length / 2} octets`);
        }
      }
    }
    if (msg.networkClassmarkHex) out.push(`UE policy network classmark ${msg.networkClassmarkHex}`);
  } else if (msg.messageType === "MANAGE_UE_POLICY_COMMAND_REJECT") {
    for (const p of msg.results)
      for (const r of p.results)
        out.push(`PLMN ${p.plmn}: UPSC ${r.upsc} instruction ${r.failedInstructionOrder} failed, cause ${r.cause}`);
  }
  return out.join("\n");
}
