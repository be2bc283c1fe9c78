// Wireshark 4.4 (the @goodtools/wiregasm WebAssembly build) as an independent NAS-5GS decoder: our bytes go into a
// pcap with the "Wireshark Upper PDU export" link type (252) and an exported-PDU tag naming the "nas-5gs"
// dissector, so no user-DLT preference is needed.
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

interface Vector<T> {
  size(): number;
  get(i: number): T;
}
interface ProtoNode {
  label: string;
  filter: string;
  tree: Vector<ProtoNode>;
}
interface Wiregasm {
  init(): boolean;
  wiresharkVersion(): string;
  FS: { writeFile(path: string, data: Uint8Array): void };
  DissectSession: new (
    path: string,
  ) => {
    load(): { code: number; summary: { file_encap_type: string } };
    getFrame(n: number): { tree: Vector<ProtoNode> };
    delete(): void;
  };
}

export interface Dissection {
  /** Every protocol tree item as "label" and its display filter, depth-first. */
  items: { label: string; filter: string; depth: number }[];
  encapsulation: string;
}

const require = createRequire(import.meta.url);

export async function loadWireshark(): Promise<{ version: string; dissect: (nas: Uint8Array) => Dissection }> {
  const dir = dirname(require.resolve("@goodtools/wiregasm/dist/wiregasm.js"));
  const loader = require("@goodtools/wiregasm/dist/wiregasm.js") as (o: object) => Promise<Wiregasm>;
  const silent = () => {};
  const wg = await loader({
    locateFile: (p: string) => join(dir, p),
    print: silent,
    printErr: silent,
    handleStatus: silent,
  });
  wg.init();
  let n = 0;
  return {
    version: wg.wiresharkVersion(),
    dissect(nas) {
      const tag = [0x00, 0x0c, 0x00, 0x08, ...Buffer.from("nas-5gs\0", "latin1"), 0, 0, 0, 0];
      const record = Buffer.concat([Buffer.from(tag), Buffer.from(nas)]);
      const header = Buffer.alloc(40);
      header.writeUInt32LE(0xa1b2c3d4, 0);
      header.writeUInt16LE(2, 4);
      header.writeUInt16LE(4, 6);
      header.writeUInt32LE(65535, 16);
      header.writeUInt32LE(252, 20); // LINKTYPE_WIRESHARK_UPPER_PDU
      header.writeUInt32LE(record.length, 32);
      header.writeUInt32LE(record.length, 36);
      const path = `/uploads/ursp-${n++}.pcap`;
      wg.FS.writeFile(path, Buffer.concat([header, record]));
      const session = new wg.DissectSession(path);
      try {
        const loaded = session.load();
        if (loaded.code !== 0) throw new Error(`wiregasm could not load the pcap (code ${loaded.code})`);
        const items: Dissection["items"] = [];
        const walk = (v: Vector<ProtoNode>, depth: number) => {
          for (let i = 0; i < v.size(); i++) {
            const node = v.get(i);
            items.push({ label: node.label, filter: node.filter, depth });
            walk(node.tree, depth + 1);
          }
        };
        walk(session.getFrame(1).tree, 0);
        return { items, encapsulation: loaded.summary.file_encap_type };
      } finally {
        session.delete();
      }
    },
  };
}
