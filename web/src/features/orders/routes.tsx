import type { RouteObject } from 'react-router';
import { OrderDetailPage } from './components/order-detail-page';
import { OrderNewPage } from './components/order-new-page';
import { OrdersPage } from './components/orders-page';
import './orders.css';

/** The pages of this feature, mounted by app/router.tsx under `/orders` (signed-in users only). */
export const ordersRoutes: RouteObject[] = [
  { index: true, element: <OrdersPage /> },
  { path: 'new', element: <OrderNewPage /> },
  { path: ':orderId', element: <OrderDetailPage /> },
];
