import { saleColumnOf } from './sale.js';

describe('saleColumnOf', () => {
  it('names the commission column of a reservation and of an order line', () => {
    expect(saleColumnOf({ reservationId: 'r' })).toEqual({ column: 'reservation_id', id: 'r' });
    expect(saleColumnOf({ orderLineId: 'l' })).toEqual({ column: 'order_line_id', id: 'l' });
  });
});
