import { XMLBuilder, XMLParser, XMLValidator } from "fast-xml-parser";

/** A characteristic's parameters: values, or nested characteristics (one, or several of the same type). */
export interface Characteristic {
  [name: string]: string | Characteristic | Characteristic[];
}

/** One model for both forms of the TS.43 configuration document (§2.9). */
export interface EntitlementDocument {
  vers: { version: string; validity: string };
  token?: { token: string; validity?: string };
  /** One characteristic per AppID (`ap2010` …). */
  apps: Record<string, Characteristic>;
}

export class ConfigDocError extends Error {
  /**
   * The response as received, when the document came from a server (set by `Ts43Client`): clients that parse the
   * body themselves, as Android does for `ap2010` without looking at `Vers`, can still read it.
   */
  received?: { readonly contentType: string; readonly body: string };

  constructor(
    readonly path: string,
    reason: string,
  ) {
    super(`configuration document ${path}: ${reason}`);
    this.name = "ConfigDocError";
  }
}

type Json = string | number | boolean | null | Json[] | { [k: string]: Json };

/** Sets an own, enumerable property even for names like `__proto__` (no prototype pollution from documents). */
function put<T>(target: Record<string, T>, key: string, value: T): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

function has(target: object, key: string): boolean {
  return Object.hasOwn(target, key);
}

function scalar(v: Json, path: string): string {
  if (typeof v === "string") return v;
  if (typeof v === "number" && Number.isFinite(v)) return String(v);
  if (typeof v === "boolean") return v ? "1" : "0";
  throw new ConfigDocError(path, "expected a string or a number");
}

function characteristicFromJson(v: Json, path: string): Characteristic {
  if (typeof v !== "object" || v === null || Array.isArray(v)) throw new ConfigDocError(path, "expected an object");
  const out: Characteristic = {};
  for (const [k, val] of Object.entries(v)) {
    const p = `${path}/${k}`;
    if (Array.isArray(val))
      put(
        out,
        k,
        val.map((x, i) => characteristicFromJson(x, `${p}/${i}`)),
      );
    else if (typeof val === "object" && val !== null) put(out, k, characteristicFromJson(val, p));
    else put(out, k, scalar(val, p));
  }
  return out;
}

/** Reads the JSON form (`{"Vers":…,"Token":…,"ap2010":…}`); numbers are accepted where TS.43 shows strings. */
export function parseJsonDocument(text: string | object): EntitlementDocument {
  let raw: Json;
  try {
    raw = (typeof text === "string" ? JSON.parse(text) : text) as Json;
  } catch {
    throw new ConfigDocError("", "not JSON");
  }
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) throw new ConfigDocError("", "expected an object");
  const vers = characteristicFromJson(has(raw, "Vers") ? (raw.Vers ?? null) : null, "/Vers");
  if (typeof vers.version !== "string" || typeof vers.validity !== "string")
    throw new ConfigDocError("/Vers", "version and validity are required");
  const doc: EntitlementDocument = { vers: { version: vers.version, validity: vers.validity }, apps: {} };
  if (has(raw, "Token") && raw.Token !== undefined) {
    const t = characteristicFromJson(raw.Token, "/Token");
    if (typeof t.token !== "string") throw new ConfigDocError("/Token", "token is required");
    doc.token = { token: t.token, ...(typeof t.validity === "string" ? { validity: t.validity } : {}) };
  }
  for (const [k, v] of Object.entries(raw)) {
    if (k === "Vers" || k === "Token") continue;
    put(doc.apps, k, characteristicFromJson(v, `/${k}`));
  }
  return doc;
}

/** The JSON form, values as strings (as the XML form carries them). */
export function toJsonDocument(doc: EntitlementDocument): Record<string, unknown> {
  return {
    Vers: { version: doc.vers.version, validity: doc.vers.validity },
    ...(doc.token ? { Token: { ...doc.token } } : {}),
    ...doc.apps,
  };
}

interface XmlParm {
  "@_name"?: string;
  "@_value"?: string;
}
interface XmlCharacteristic {
  "@_type"?: string;
  parm?: XmlParm[];
  characteristic?: XmlCharacteristic[];
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@_",
  parseAttributeValue: false,
  parseTagValue: false,
  processEntities: true,
  isArray: (name) => name === "parm" || name === "characteristic",
});

function characteristicFromXml(c: XmlCharacteristic, path: string): Characteristic {
  const out: Characteristic = {};
  for (const parm of c.parm ?? []) {
    const name = parm["@_name"];
    if (typeof name !== "string" || name === "") throw new ConfigDocError(path, "parm without a name");
    if (has(out, name)) throw new ConfigDocError(`${path}/${name}`, "parm appears twice");
    put(out, name, parm["@_value"] ?? "");
  }
  for (const child of c.characteristic ?? []) {
    const type = child["@_type"];
    if (typeof type !== "string" || type === "") throw new ConfigDocError(path, "characteristic without a type");
    const value = characteristicFromXml(child, `${path}/${type}`);
    const existing = has(out, type) ? out[type] : undefined;
    if (existing === undefined) put(out, type, value);
    else if (Array.isArray(existing)) existing.push(value);
    else if (typeof existing === "object") put(out, type, [existing, value]);
    else throw new ConfigDocError(path, `${type} is both a parm and a characteristic`);
  }
  return out;
}

/** Reads the XML `wap-provisioningdoc` (§2.9.1); AppIDs come from each APPLICATION's `AppID` parm. */
export function parseXmlDocument(xml: string): EntitlementDocument {
  if (typeof xml !== "string" || xml.length > 1_000_000) throw new ConfigDocError("", "not an XML document");
  if (/<!(DOCTYPE|ENTITY)/i.test(xml)) throw new ConfigDocError("", "DTDs and entity declarations are not allowed");
  const valid = XMLValidator.validate(xml);
  if (valid !== true) throw new ConfigDocError("", `malformed XML: ${valid.err.msg} (line ${valid.err.line})`);
  let root: { "wap-provisioningdoc"?: XmlCharacteristic | string };
  try {
    root = parser.parse(xml) as typeof root;
  } catch (err) {
    throw new ConfigDocError("", `malformed XML: ${err instanceof Error ? err.message : String(err)}`);
  }
  const docNode = root["wap-provisioningdoc"];
  if (!docNode || typeof docNode !== "object") throw new ConfigDocError("", "no wap-provisioningdoc element");
  let vers: EntitlementDocument["vers"] | undefined;
  let token: EntitlementDocument["token"];
  const apps: Record<string, Characteristic> = {};
  for (const c of docNode.characteristic ?? []) {
    const type = c["@_type"];
    const value = characteristicFromXml(c, `/${type}`);
    if (type === "VERS") {
      if (vers) throw new ConfigDocError("/VERS", "VERS appears twice");
      if (typeof value.version !== "string" || typeof value.validity !== "string")
        throw new ConfigDocError("/VERS", "version and validity are required");
      vers = { version: value.version, validity: value.validity };
    } else if (type === "TOKEN") {
      if (token) throw new ConfigDocError("/TOKEN", "TOKEN appears twice");
      if (typeof value.token !== "string") throw new ConfigDocError("/TOKEN", "token is required");
      token = { token: value.token, ...(typeof value.validity === "string" ? { validity: value.validity } : {}) };
    } else if (type === "APPLICATION") {
      const appIdKey = Object.keys(value).find((k) => k.toLowerCase() === "appid");
      const appId = appIdKey === undefined ? undefined : value[appIdKey];
      if (typeof appId !== "string" || appId === "") throw new ConfigDocError("/APPLICATION", "AppID is required");
      if (has(apps, appId)) throw new ConfigDocError(`/APPLICATION/${appId}`, "the AppID appears twice");
      const rest: Characteristic = {};
      for (const [k, v] of Object.entries(value)) if (k !== appIdKey) put(rest, k, v);
      put(apps, appId, rest);
    }
  }
  if (!vers) throw new ConfigDocError("", "VERS is required");
  return { vers, ...(token ? { token } : {}), apps };
}

function characteristicToXml(type: string, c: Characteristic): XmlCharacteristic {
  const parm: XmlParm[] = [];
  const characteristic: XmlCharacteristic[] = [];
  for (const [name, v] of Object.entries(c)) {
    if (typeof v === "string") parm.push({ "@_name": name, "@_value": v });
    else for (const child of Array.isArray(v) ? v : [v]) characteristic.push(characteristicToXml(name, child));
  }
  return {
    "@_type": type,
    ...(parm.length ? { parm } : {}),
    ...(characteristic.length ? { characteristic } : {}),
  };
}

const builder = new XMLBuilder({
  ignoreAttributes: false,
  attributeNamePrefix: "@_",
  format: true,
  indentBy: "  ",
  suppressEmptyNode: true,
  processEntities: true,
});

/** The XML `wap-provisioningdoc` (VERS, TOKEN, one APPLICATION per app with its AppID parm first). */
export function toXmlDocument(doc: EntitlementDocument): string {
  const characteristic: XmlCharacteristic[] = [
    characteristicToXml("VERS", { version: doc.vers.version, validity: doc.vers.validity }),
  ];
  if (doc.token) characteristic.push(characteristicToXml("TOKEN", { ...doc.token }));
  for (const [appId, c] of Object.entries(doc.apps))
    characteristic.push(characteristicToXml("APPLICATION", { AppID: appId, ...c }));
  const body = builder.build({ "wap-provisioningdoc": { "@_version": "1.1", characteristic } }) as string;
  return `<?xml version="1.0" encoding="UTF-8"?>\n${body}`;
}
