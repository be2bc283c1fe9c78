/** A JSON Schema node as read from the specs (draft 2020-12 plus the carrierkit `x-` keywords). */
export interface JsonSchema {
  readonly $id?: string;
  readonly $ref?: string;
  readonly $defs?: Readonly<Record<string, JsonSchema>>;
  readonly title?: string;
  readonly description?: string;
  readonly type?: string | readonly string[];
  readonly enum?: readonly unknown[];
  readonly const?: unknown;
  readonly properties?: Readonly<Record<string, JsonSchema>>;
  readonly required?: readonly string[];
  readonly additionalProperties?: boolean | JsonSchema;
  readonly prefixItems?: readonly (JsonSchema | boolean)[];
  readonly items?: boolean | JsonSchema;
  readonly minItems?: number;
  readonly maxItems?: number;
  readonly allOf?: readonly JsonSchema[];
  readonly anyOf?: readonly JsonSchema[];
  readonly oneOf?: readonly JsonSchema[];
  readonly "x-members"?: readonly EnumMember[];
  readonly "x-propertyAliases"?: Readonly<Record<string, string>>;
  readonly "x-jsonString"?: boolean;
  readonly "x-stripPrefix"?: string;
  readonly "x-checks"?: readonly string[];
  /** Documented alternative spellings rewritten by a regular expression (`replacement` uses `$1`…), with a warning. */
  readonly "x-rewrite"?: readonly {
    readonly pattern: string;
    readonly replacement: string;
    readonly message: string;
  }[];
  /** On an `anyOf` branch: the name of the form a value matching it takes (reported in the call's `forms`). */
  readonly "x-form"?: string;
  readonly [keyword: string]: unknown;
}

/** One member of an enum object (`x-members`). */
export interface EnumMember {
  readonly member: string;
  readonly value: string | number;
  readonly description?: string;
  /** Set when the value is accepted but missing from the documented value list; says where it comes from. */
  readonly undocumented?: string;
}

export type ReturnSource = "newPurchaseMetaData" | "operationContext" | "config:requestedCapability";

export interface OverloadSpec {
  readonly args: string;
  readonly returns: null | {
    readonly schema: string;
    readonly form?: "canonical" | "input";
    readonly source: ReturnSource;
  };
}

export interface MethodSpec {
  readonly name: string;
  readonly api: "current" | "legacy";
  readonly description?: string;
  readonly handling?: "host" | "local";
  readonly aliasOf?: string;
  readonly overloads?: readonly OverloadSpec[];
}

export interface PropertySpec {
  readonly name: string;
  readonly description?: string;
  readonly schema?: string;
  readonly callback?: string;
  readonly aliasOf?: string;
}

export interface ObjectSpec {
  readonly name: string;
  readonly description?: string;
  readonly presence: "always" | "feature-detect";
  readonly optional?: boolean;
  readonly methods: readonly MethodSpec[];
  readonly properties: readonly PropertySpec[];
}

export interface CallbackSpec {
  readonly name: string;
  readonly property: string;
  readonly argument: string;
  readonly description?: string;
}

export interface BridgeSpec {
  readonly id: string;
  readonly title: string;
  readonly description?: string;
  readonly schema: string;
  readonly sources?: readonly string[];
  readonly enumObjects: readonly { readonly name: string; readonly schema: string }[];
  readonly objects: readonly ObjectSpec[];
  readonly callbacks: readonly CallbackSpec[];
}

/** The parsed `specs/portal-bridge/bridges.json`. */
export interface BridgesDocument {
  readonly title: string;
  readonly description?: string;
  readonly version: 1;
  readonly bridges: readonly BridgeSpec[];
}

/** The specs as the engine needs them: the method description and the schema files by file name. */
export interface PortalBridgeSpec {
  readonly bridges: BridgesDocument;
  readonly schemas: Readonly<Record<string, JsonSchema>>;
}
