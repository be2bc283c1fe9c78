// Portal globals for TypeScript resolvers that ignore package `exports` ("types": ["@carrierkit/portal-bridge/globals"]).
/// <reference path="./dist/portal-globals.d.ts" />
