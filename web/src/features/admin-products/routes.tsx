import type { RouteObject } from 'react-router';
import { EditProductPage } from './components/edit-product-page';
import { NewProductPage } from './components/new-product-page';
import { ProductsPage } from './components/products-page';
import './admin-products.css';

/** The pages of this feature, mounted by app/router.tsx under `/admin/products` (admins only). */
export const adminProductsRoutes: RouteObject[] = [
  { index: true, element: <ProductsPage /> },
  { path: 'new', element: <NewProductPage /> },
  { path: ':productId', element: <EditProductPage /> },
];
