#!/usr/bin/env node
import { runBin } from "@carrierkit/cli-runtime";

await runBin(import.meta.url, "cli");
