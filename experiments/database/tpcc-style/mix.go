package main

import "context"

// TxType is one of the five transaction types.
type TxType int

const (
	NewOrderTx TxType = iota
	PaymentTx
	OrderStatusTx
	DeliveryTx
	StockLevelTx
)

// txNames are the names results use (the RunResult's endpoints).
var txNames = [...]string{"new-order", "payment", "order-status", "delivery", "stock-level"}

// txWeights is the standard mix in percent (clause 5.2.3 minimums: 43% payment, 4% each of
// order-status, delivery and stock-level; new-order takes the rest, 45%).
var txWeights = [...]int{45, 43, 4, 4, 4}

// pick draws a transaction type with the mix's weights.
func (t *Terminal) pick() TxType {
	n := t.r.IntN(100)
	for i, w := range txWeights {
		if n < w {
			return TxType(i)
		}
		n -= w
	}
	return NewOrderTx
}

// run runs one transaction of the type.
func (t *Terminal) run(ctx context.Context, tt TxType) error {
	switch tt {
	case NewOrderTx:
		return t.NewOrder(ctx)
	case PaymentTx:
		return t.Payment(ctx)
	case OrderStatusTx:
		return t.OrderStatus(ctx)
	case DeliveryTx:
		return t.Delivery(ctx)
	default:
		return t.StockLevel(ctx)
	}
}
