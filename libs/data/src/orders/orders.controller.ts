import { Body, Controller, Post, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, CallerContext, type RequestContext, Roles } from '@switchboard/platform';
import type { ServerResponse } from 'node:http';
import { OrderWriter } from './order.writer';
import { OrderView, PlaceOrderBody } from './place-order.dto';

/**
 * The orders integration (input for the conversion metrics). A commerce backend posts each
 * order here with an admin token: it is a trusted system, not a person, and supervisors do not
 * place orders. The order goes into the event log as `OrderPlaced` v1 on `order-<orderId>`, and
 * the relay publishes it on `commerce.orders.v1` (key: orderId), so the data service and any
 * analytics consumer read it from the topic, and a rebuild from the log sees it too.
 *
 * External commerce systems may instead publish `OrderPlaced` v1 envelopes to
 * `commerce.orders.v1` directly (same data shape, key = orderId); the data service consumes
 * both the same way. Orders published only to the topic are not in the log, so an embedded
 * rebuild from `$all` does not see them.
 */
@ApiTags('integrations')
@Controller('v1/integrations/orders')
export class OrdersController {
  constructor(private readonly orders: OrderWriter) {}

  @Post()
  @Roles('admin')
  @ApiOperation({
    summary: 'Record an order placed in a commerce system (idempotent by orderId)',
    description:
      'Answers 201 with the order once it is durable in the log. Posting the same order again ' +
      'answers 200 with the stored order and stores nothing; other data under the same ' +
      'orderId answers 409 ORDER_CONFLICT. Without placedAt the order is placed now.',
  })
  @ApiCreatedResponse({ type: OrderView, description: 'Recorded' })
  @ApiOkResponse({ type: OrderView, description: 'Already recorded with the same data' })
  @ApiErrors(400, 403, 409)
  async place(
    @CallerContext() context: RequestContext,
    @Body() body: PlaceOrderBody,
    @Res({ passthrough: true }) res: ServerResponse,
  ): Promise<OrderView> {
    const { order, created } = await this.orders.place(
      {
        orderId: body.orderId,
        customerId: body.customerId,
        domain: body.domain ?? null,
        amountMinor: body.amountMinor,
        currency: body.currency,
        ...(body.placedAt === undefined ? {} : { placedAt: body.placedAt }),
      },
      context,
    );
    res.statusCode = created ? 201 : 200;
    return order;
  }
}
