package dev.miyabi.platform.search.internal;

import dev.miyabi.platform.aijobs.Job;
import dev.miyabi.platform.identity.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/admin/search")
@PreAuthorize("hasRole('admin')")
@Tag(name = "Search", description = "The search index (admin)")
class SearchAdminController {

    private final SearchAdministration administration;

    SearchAdminController(SearchAdministration administration) {
        this.administration = administration;
    }

    @GetMapping
    @Operation(summary = "The index: passages stored, waiting for vectors, and in this instance's index (admin)")
    SearchAdministration.IndexStatus status() {
        return administration.status();
    }

    @PostMapping("/reindex")
    @Operation(
            summary = "Rebuild everything (admin): re-chunk every source, embed what changed",
            description = "Queues a search_indexing job (a ContentSearchAgent task on the board) and answers 202 with"
                    + " it; follow it at Location. Unchanged passages keep their vectors. From a shell: curl -X POST"
                    + " -H 'Authorization: Bearer …' http://host/api/admin/search/reindex")
    ResponseEntity<Job> reindex(CurrentUser admin) {
        Job job = administration.reindex(admin);
        return ResponseEntity.accepted()
                .location(URI.create("/api/ai/jobs/" + job.id()))
                .body(job);
    }
}
