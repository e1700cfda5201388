import { useMutation, useQueryClient } from '@tanstack/react-query';
import { createUpload, deleteUpload, uploadsChanged } from '@/api/search-uploads';

export function useUploadFile() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: createUpload, onSuccess: () => uploadsChanged(queryClient) });
}

export function useDeleteUpload() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: deleteUpload, onSuccess: (_result, id) => uploadsChanged(queryClient, id) });
}
