// JSON model of a URSP policy (3GPP TS 24.526 §5.2). Human units: dotted/canonical IP text, lowercase hex for
// SD/MAC/UUID, names for enumerations. Kept in step with specs/ursp/ursp-policy.schema.json by test/schema.test.ts.

/** A URSP policy: the contents of one UE policy part of type URSP (one or more rules). */
export interface UrspPolicy {
  rules: UrspRule[];
}

export interface UrspRule {
  /** 0..255, lower value = higher priority. */
  precedence: number;
  /** Traffic descriptor components; different types are ANDed, repeated types are ORed. */
  trafficDescriptor: TrafficDescriptorComponent[];
  routeSelectionDescriptors: RouteSelectionDescriptor[];
}

export interface RouteSelectionDescriptor {
  /** 0..255, lower value = higher priority. */
  precedence: number;
  components: RouteSelectionComponent[];
}

export interface Ipv4Mask {
  /** Dotted decimal, e.g. "10.1.0.0". */
  address: string;
  /** Dotted decimal, e.g. "255.255.0.0". */
  mask: string;
}

export interface Ipv6Prefix {
  /** RFC 5952 canonical text, e.g. "2001:db8::". */
  address: string;
  prefixLength: number;
}

export interface PortRange {
  low: number;
  high: number;
}

export type ConnectionCapability = "ims" | "mms" | "supl" | "internet" | number;

/** An OS App Id is printable ASCII text (`osAppId`) or, only when it is not, lowercase hex (`osAppIdHex`). */
export type OsAppIdValue = { osAppId: string; osAppIdHex?: never } | { osAppIdHex: string; osAppId?: never };

export type TrafficDescriptorComponent =
  | { type: "matchAll" }
  | ({ type: "osIdOsAppId"; osId: string } & OsAppIdValue)
  | ({ type: "osAppId" } & OsAppIdValue)
  | ({ type: "ipv4RemoteAddress" } & Ipv4Mask)
  | ({ type: "ipv6RemoteAddressPrefix" } & Ipv6Prefix)
  | { type: "protocolIdNextHeader"; value: number }
  | { type: "singleRemotePort"; port: number }
  | ({ type: "remotePortRange" } & PortRange)
  | {
      type: "ip3Tuple";
      ipv4?: Ipv4Mask;
      ipv6?: Ipv6Prefix;
      protocol?: number;
      port?: number;
      portRange?: PortRange;
    }
  | { type: "securityParameterIndex"; spi: number }
  | { type: "typeOfServiceTrafficClass"; value: number; mask: number }
  | { type: "flowLabel"; label: number }
  | { type: "destinationMacAddress"; address: string }
  | { type: "ctagVid"; vid: number }
  | { type: "stagVid"; vid: number }
  | { type: "ctagPcpDei"; pcp: number; dei: boolean }
  | { type: "stagPcpDei"; pcp: number; dei: boolean }
  | { type: "ethertype"; value: number }
  | { type: "dnn"; dnn: string }
  | { type: "connectionCapabilities"; capabilities: ConnectionCapability[] }
  | { type: "destinationFqdn"; fqdn: string }
  | { type: "regularExpression"; regex: string }
  | { type: "destinationMacAddressRange"; low: string; high: string };

export type TrafficDescriptorComponentType = TrafficDescriptorComponent["type"];

export type PduSessionType = "ipv4" | "ipv6" | "ipv4v6" | "unstructured" | "ethernet";
export type AccessType = "3gpp" | "non-3gpp";

/** Location area of TS 24.526 figure 5.2.6 / table 5.2.2. PLMN as "MCC-MNC". */
export type LocationArea =
  | { areaType: "eutraCells"; cells: { plmn: string; cellId: string }[] }
  | { areaType: "nrCells"; cells: { plmn: string; cellId: string }[] }
  | { areaType: "globalRanNodes"; nodes: { plmn: string; gnbId: string }[] }
  | { areaType: "tais"; tais: { plmn: string; tac: string }[] };

export type RouteSelectionComponent =
  | { type: "sscMode"; sscMode: 1 | 2 | 3 }
  | { type: "sNssai"; sst: number; sd?: string }
  | { type: "dnn"; dnn: string }
  | { type: "pduSessionType"; pduSessionType: PduSessionType }
  | { type: "preferredAccessType"; accessType: AccessType }
  | { type: "multiAccessPreference" }
  | { type: "nonSeamlessNon3gppOffload" }
  | { type: "locationCriteria"; areas: LocationArea[] }
  | { type: "timeWindow"; start: string; stop: string }
  | { type: "proseL3RelayOffload" }
  | { type: "pduSessionPairId"; pairId: number }
  | { type: "rsn"; rsn: number };

export type RouteSelectionComponentType = RouteSelectionComponent["type"];
