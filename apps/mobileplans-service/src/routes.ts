import {
  fieldsTemplateOf,
  iccidOfSimId,
  MobilePlansServiceError,
  notificationTypeOf,
} from "@carrierkit/mobileplans-service";
import type { MobilePlansServiceHandlers } from "@carrierkit/mobileplans-service/server";
import type { MobilePlansService } from "./service.js";

function iccidOf(value: string, parameter: string): string {
  const iccid = iccidOfSimId(value);
  if (!iccid) throw new MobilePlansServiceError(400, `${parameter} must be iccid:<ICCID>`, parameter);
  return iccid;
}

/** The three operations on the service; the router has validated every parameter and header by then. */
export function mobilePlansHandlers(service: MobilePlansService): MobilePlansServiceHandlers {
  return {
    async GetBalance({ params, query, ctx }) {
      const iccid = iccidOf(params.simId, "simId");
      const template = fieldsTemplateOf(query.fieldsTemplate);
      if (!template) throw new MobilePlansServiceError(400, "fieldsTemplate must be basic or full", "fieldsTemplate");
      await service.claim(ctx.transactionId, "GetBalance");
      const balances = await service.getBalance(iccid, template, query.limit);
      return { status: 200, body: { balances }, headers: { "X-MS-DM-TransactionId": ctx.transactionId } };
    },
    async GetOffers({ params, query, ctx }) {
      const iccid = iccidOf(params.simmri, "simmri");
      await service.claim(ctx.transactionId, "GetOffers");
      const offers = await service.getOffers(iccid, query.limit);
      return { status: 200, body: { offers }, headers: { "X-MS-DM-TransactionId": ctx.transactionId } };
    },
    async GetNotifications({ params, query, ctx }) {
      const iccid = iccidOf(params.simmri, "simmri");
      const type = notificationTypeOf(query.notificationType);
      if (!type)
        throw new MobilePlansServiceError(400, "notificationType is not a notification type", "notificationType");
      await service.claim(ctx.transactionId, "GetNotifications");
      const notifications = await service.getNotifications(iccid, type, query.limit);
      return { status: 200, body: { notifications }, headers: { "X-MS-DM-TransactionId": ctx.transactionId } };
    },
  };
}
