export { CATEGORIES, isCategory, type Category, type Product } from '@/api/schemas/product';
